//! Pages of missions: the lists (the staff's, the expert's, the host's), a mission with its
//! logistics and the steps one may take, its checklist, schedule and extensions, the expert's
//! report and the host's evaluation, the certificate, and its costs.

mod certificates;
mod costs;
pub(crate) mod list;
mod mission_forms;
mod mission_view;

use crate::routes::Routes;

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/missions", "mission.list", list::list)
        .reads::<list::Filters>()
        .get("/missions/{id}", "mission.view", mission_view::show)
        .post("/missions/{id}/transitions", "mission.transition", mission_view::transition)
        .post("/missions/{id}/checklist", "mission.checklist", mission_forms::checklist)
        .post("/missions/{id}/schedule", "mission.schedule", mission_forms::schedule)
        .post("/missions/{id}/extensions", "mission.extension.request", mission_forms::request_extension)
        .post("/missions/{id}/extensions/decision", "mission.extension.decide", mission_forms::decide_extension)
        .get("/missions/{id}/report", "mission.report.form", mission_forms::report_form)
        .post("/missions/{id}/report", "mission.report", mission_forms::report)
        .get("/missions/{id}/evaluation", "mission.evaluation.form", mission_forms::evaluation_form)
        .post("/missions/{id}/evaluation", "mission.evaluation", mission_forms::evaluation)
        .get("/missions/{id}/certificate", "mission.certificate", certificates::page)
        .get("/missions/{id}/certificate.pdf", "mission.certificate", certificates::pdf)
        .get("/missions/{id}/costs", "mission.costs", costs::page)
        .post("/missions/{id}/costs", "mission.cost.add", costs::add)
        .post("/missions/{id}/costs/{cost}/delete", "mission.cost.remove", costs::remove)
}
