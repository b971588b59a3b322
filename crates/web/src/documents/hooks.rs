//! What the page of a mission or a candidacy shows of its papers: the links to its documents
//! and its conversation, how many messages the reader has not read, and the documents a
//! checklist item may point at as its proof.

use crate::{AppError, AppState};
use passerelle_accounts::Actor;
use passerelle_core::{CandidateId, MissionId};
use passerelle_missions::documents::{self, Owner};
use passerelle_missions::messages::{self, Subject};

#[derive(Default)]
pub struct Papers {
    /// The documents page; empty when the reader may not see the documents.
    pub documents: String,
    /// The conversation's page; empty when the reader takes no part in it.
    pub messages: String,
    pub unread: i64,
    /// The documents of the record the reader sees, as (id, name), oldest first.
    pub files: Vec<(String, String)>,
}

impl Papers {
    /// The name of one of the record's documents, if the reader sees it.
    pub fn name_of(&self, id: &str) -> Option<&str> {
        self.files.iter().find(|(d, _)| d == id).map(|(_, name)| name.as_str())
    }
}

async fn papers(state: &AppState, actor: &Actor, owner: Owner, subject: Subject) -> Result<Papers, AppError> {
    let mut papers = Papers::default();
    if let Some((found, _)) = documents::list(&state.db, actor, owner).await? {
        papers.documents = super::documents_path(owner);
        papers.files = found.iter().map(|d| (d.id.to_string(), d.name.clone())).collect();
    }
    if messages::party(&state.db, actor, subject).await?.is_some() {
        papers.messages = format!("{}/messages", path_of(subject));
        papers.unread = messages::unread(&state.db, actor.user_id, subject).await?;
    }
    Ok(papers)
}

pub(crate) async fn of_mission(state: &AppState, actor: &Actor, id: MissionId) -> Result<Papers, AppError> {
    papers(state, actor, Owner::Mission(id), Subject::Mission(id)).await
}

pub(crate) async fn of_candidate(state: &AppState, actor: &Actor, id: CandidateId) -> Result<Papers, AppError> {
    papers(state, actor, Owner::Candidate(id), Subject::Candidate(id)).await
}

/// The page of a conversation's subject: the candidacy or the mission it is about.
pub(crate) fn path_of(subject: Subject) -> String {
    match subject {
        Subject::Candidate(id) => format!("/candidates/{id}"),
        Subject::Mission(id) => format!("/missions/{id}"),
    }
}
