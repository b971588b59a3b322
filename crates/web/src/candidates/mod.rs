//! Pages of candidates: the coordinators' shortlist (one by one or in bulk) and candidacies with
//! their steps, the fit of an expert to a request, and the expert's invitations to answer.

pub(crate) mod bulk;
pub(crate) mod candidacies;
mod fit_view;
mod invitations;

use crate::routes::Routes;

pub(crate) use candidacies::{Line as CandidateLine, in_pipeline, of_request as pipeline_of_request};

pub(crate) fn routes() -> Routes {
    Routes::new()
        .post("/requests/{id}/candidates", "candidate.shortlist", candidacies::shortlist)
        .post("/requests/{id}/candidates/bulk", "candidate.shortlist.bulk", bulk::bulk)
        .get("/candidates", "candidate.list", candidacies::list)
        .get("/candidates/{id}", "candidate.view", candidacies::show)
        .post("/candidates/{id}/transitions", "candidate.transition", candidacies::transition)
        .get("/invitations", "invitation.list", invitations::list)
        .get("/invitations/{id}", "invitation.view", invitations::show)
        .get("/invitations/{id}/answer", "invitation.answer.form", invitations::answer_form)
        .post("/invitations/{id}/answer", "invitation.answer", invitations::answer)
        .post("/invitations/{id}/consent/withdraw", "invitation.consent.withdraw", invitations::withdraw_consent)
}
