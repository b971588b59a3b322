use crate::AppError;
use crate::page::{PageContext, render};
use crate::routes::Routes;
use askama::Template;
use axum::response::Response;

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    page: PageContext,
}

async fn home(page: PageContext) -> Result<Response, AppError> {
    render(&HomePage { page })
}

pub(crate) fn routes() -> Routes {
    Routes::new().get("/", "home", home)
}
