//! The dashboard: figures of requests, missions and experts over a period, with charts, and the
//! programme report drawn from them (a page and a PDF file).

pub(crate) mod figures;
mod programme_report;

use crate::routes::Routes;

pub(crate) use figures::default_period;

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/dashboard", "dashboard.view", figures::page)
        .get("/dashboard/report", "dashboard.report", programme_report::page)
        .get("/dashboard/report.pdf", "dashboard.report", programme_report::pdf)
}
