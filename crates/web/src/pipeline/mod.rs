//! Pages of the mission pipeline: the coordinators' candidates and missions, the expert's
//! invitations and missions with their report, the host's candidates to approve and missions to
//! evaluate, notifications, calls for experts, dashboards and exports; and what they share
//! (statuses and refusals in words, the errors of the pipeline as answers).

pub(crate) mod bulk;
mod calendar;
mod calendar_experts;
mod calendar_month;
pub(crate) mod calls;
pub(crate) mod candidates;
mod certificates;
mod costs;
pub(crate) mod dashboard;
pub(crate) mod exports;
mod fit_view;
mod invitations;
mod mission_forms;
mod mission_view;
pub(crate) mod missions;
pub(crate) mod notifications;
mod programme_report;

use crate::routes::Routes;

pub(crate) use candidates::{Line as CandidateLine, in_pipeline, of_request as pipeline_of_request};
pub(crate) use dashboard::default_period;
pub(crate) use notifications::deliver_emails;

pub(crate) fn routes() -> Routes {
    Routes::new()
        .post("/requests/{id}/candidates", "candidate.shortlist", candidates::shortlist)
        .post("/requests/{id}/candidates/bulk", "candidate.shortlist.bulk", bulk::bulk)
        .get("/candidates", "candidate.list", candidates::list)
        .get("/candidates/{id}", "candidate.view", candidates::show)
        .post("/candidates/{id}/transitions", "candidate.transition", candidates::transition)
        .get("/invitations", "invitation.list", invitations::list)
        .get("/invitations/{id}", "invitation.view", invitations::show)
        .get("/invitations/{id}/answer", "invitation.answer.form", invitations::answer_form)
        .post("/invitations/{id}/answer", "invitation.answer", invitations::answer)
        .post("/invitations/{id}/consent/withdraw", "invitation.consent.withdraw", invitations::withdraw_consent)
        .get("/missions", "mission.list", missions::list)
        .reads::<missions::Filters>()
        .get("/calendar", "mission.calendar", calendar::page)
        .reads::<calendar::CalendarQuery>()
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
        .get("/notifications", "notification.inbox", notifications::inbox)
        .post("/notifications/read", "notification.read", notifications::read)
        .post("/notifications/settings", "notification.settings", notifications::settings)
        .get("/calls", "call.list", calls::list)
        .get("/calls/new", "call.new.form", calls::new_form)
        .post("/calls/new", "call.create", calls::create)
        .get("/calls/{id}", "call.view", calls::show)
        .post("/calls/{id}/answer", "call.answer", calls::answer)
        .post("/calls/{id}/close", "call.close", calls::close)
        .post("/saved-searches", "search.save", calls::save_search)
        .post("/saved-searches/{id}/delete", "search.delete", calls::delete_search)
        .get("/dashboard", "dashboard.view", dashboard::page)
        .get("/dashboard/report", "dashboard.report", programme_report::page)
        .get("/dashboard/report.pdf", "dashboard.report", programme_report::pdf)
        .get("/exports/missions.csv", "export.missions", exports::missions)
        .get("/exports/requests.csv", "export.requests", exports::requests)
        .get("/exports/roster.csv", "export.roster", exports::roster)
        .get("/exports/spreadsheet/missions.csv", "export.missions", exports::missions_for_spreadsheets)
        .get("/exports/spreadsheet/requests.csv", "export.requests", exports::requests_for_spreadsheets)
        .get("/exports/spreadsheet/roster.csv", "export.roster", exports::roster_for_spreadsheets)
        .get("/programmes/{id}/costs.csv", "export.costs", exports::costs::of_programme)
        .get("/programmes/{id}/spreadsheet/costs.csv", "export.costs", exports::costs::of_programme_for_spreadsheets)
        .get("/missions/{id}/costs", "mission.costs", costs::page)
        .post("/missions/{id}/costs", "mission.cost.add", costs::add)
        .post("/missions/{id}/costs/{cost}/delete", "mission.cost.remove", costs::remove)
}
