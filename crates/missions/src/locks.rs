//! Row locks for the pipeline's decisions that read before they write: whether a request has a
//! free position, whether an expert is free on some days.
//!
//! On PostgreSQL, two instances may run such decisions at the same moment, both read the old
//! state and both write (two experts in the last position, one expert on two missions at once).
//! Taking the rows' locks first makes concurrent decisions about the same request or expert
//! queue, each seeing what the previous one left. Always the request before the expert, so that
//! two decisions never wait on each other. SQLite's one writer already runs transactions one at
//! a time: there the locks are skipped.

use passerelle_core::{ExpertId, RequestId};
use passerelle_db::Tx;

async fn lock(tx: &mut Tx, table: &str, id: String) -> Result<(), sqlx::Error> {
    let for_update = tx.dialect().for_update();
    if for_update.is_empty() {
        return Ok(());
    }
    sqlx::query(&format!("SELECT id FROM {table} WHERE id = $1{for_update}")).bind(id).execute(&mut **tx).await?;
    Ok(())
}

/// Decisions about a request's positions, and about the expert of one of its candidates.
pub(crate) async fn request_and_expert(tx: &mut Tx, request: RequestId, expert: ExpertId) -> Result<(), sqlx::Error> {
    lock(tx, "requests", request.to_string()).await?;
    lock(tx, "experts", expert.to_string()).await
}

/// Decisions about an expert's booked days.
pub(crate) async fn expert(tx: &mut Tx, expert: ExpertId) -> Result<(), sqlx::Error> {
    lock(tx, "experts", expert.to_string()).await
}
