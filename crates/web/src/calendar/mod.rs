//! The calendar: missions by month and on a timeline, the expert's own, and the availability of
//! the experts staff choose (the candidates of a request, the experts of a saved search).

mod calendar_experts;
mod calendar_month;
mod view;

use crate::routes::Routes;

pub(crate) fn routes() -> Routes {
    Routes::new().get("/calendar", "mission.calendar", view::page).reads::<view::CalendarQuery>()
}
