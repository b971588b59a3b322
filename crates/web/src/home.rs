use crate::page::{PageContext, render};
use crate::{AppError, AppState};
use askama::Template;
use axum::response::Response;
use axum::{Router, routing::get};

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    page: PageContext,
}

async fn home(page: PageContext) -> Result<Response, AppError> {
    render(&HomePage { page })
}

pub(crate) fn routes() -> Router<AppState> {
    Router::new().route("/", get(home))
}
