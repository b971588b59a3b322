//! Pages of documents: the documents of a request, a mission, a candidacy or a profile (with
//! the form to add one), and each document's download, replacement and deletion. Who may do
//! what is the documents policy's (`passerelle_missions::documents::access`); this module only
//! reads forms and renders.

mod download;
pub(crate) mod hooks;
mod pages;

use crate::routes::Routes;
use crate::{AppError, AppState};
use passerelle_core::{CandidateId, ExpertId, MissionId, RequestId};
use passerelle_missions::documents::Owner;
use passerelle_missions::{candidates, lifecycle, requests};

pub(crate) use download::content_response;
pub(crate) use pages::{accept as pages_accept, changeable, size as pages_size};

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/requests/{id}/documents", "document.list", pages::of_request)
        .post("/requests/{id}/documents", "document.upload", pages::upload_to_request)
        .uploads()
        .get("/missions/{id}/documents", "document.list", pages::of_mission)
        .post("/missions/{id}/documents", "document.upload", pages::upload_to_mission)
        .uploads()
        .get("/candidates/{id}/documents", "document.list", pages::of_candidate)
        .post("/candidates/{id}/documents", "document.upload", pages::upload_to_candidate)
        .uploads()
        .get("/experts/{id}/documents", "document.list", pages::of_expert)
        .post("/experts/{id}/documents", "document.upload", pages::upload_to_expert)
        .uploads()
        .get("/documents/{id}", "document.download", download::page)
        .post("/documents/{id}/replace", "document.replace", pages::replace)
        .uploads()
        .post("/documents/{id}/delete", "document.delete", pages::delete)
}

/// The record of a path's id, of the kind `kind` (`requests`, `missions`…); an id that does not
/// parse is a record that does not exist.
pub(crate) fn owner(kind: &str, id: &str) -> Result<Owner, AppError> {
    let missing = |_| AppError::NotFound;
    Ok(match kind {
        "requests" => Owner::Request(RequestId::parse(id).map_err(missing)?),
        "missions" => Owner::Mission(MissionId::parse(id).map_err(missing)?),
        "candidates" => Owner::Candidate(CandidateId::parse(id).map_err(missing)?),
        "experts" => Owner::Expert(ExpertId::parse(id).map_err(missing)?),
        _ => return Err(AppError::NotFound),
    })
}

/// The page of a record's documents.
pub(crate) fn documents_path(owner: Owner) -> String {
    match owner {
        Owner::Request(id) => format!("/requests/{id}/documents"),
        Owner::Mission(id) => format!("/missions/{id}/documents"),
        Owner::Candidate(id) => format!("/candidates/{id}/documents"),
        Owner::Expert(id) => format!("/experts/{id}/documents"),
        Owner::Message(_) => "/".to_owned(),
    }
}

/// The record's own page, and its title, for a reader who may see its documents.
pub(crate) async fn describe(state: &AppState, owner: Owner) -> Result<(String, String), AppError> {
    let db = &state.db;
    Ok(match owner {
        Owner::Request(id) => {
            let request = requests::get(db, id).await?.ok_or(AppError::NotFound)?;
            (format!("/requests/{id}"), request.fields.title)
        }
        Owner::Mission(id) => {
            let mission = lifecycle::get(db, id).await?.ok_or(AppError::NotFound)?;
            (format!("/missions/{id}"), mission.request_title)
        }
        Owner::Candidate(id) => {
            let candidate = candidates::get(db, id).await?.ok_or(AppError::NotFound)?;
            (format!("/candidates/{id}"), format!("{} — {}", candidate.expert_name, candidate.request_title))
        }
        Owner::Expert(id) => {
            let profile = passerelle_profiles::store::load(db, id).await?.ok_or(AppError::NotFound)?;
            (format!("/experts/{id}"), profile.data.name)
        }
        Owner::Message(_) => ("/".to_owned(), String::new()),
    })
}
