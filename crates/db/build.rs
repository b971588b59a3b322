//! `sqlx::migrate!` embeds the migrations at compile time; without this, adding a migration
//! does not rebuild the crate and a stale binary runs without it.

fn main() {
    println!("cargo:rerun-if-changed=../../migrations");
}
