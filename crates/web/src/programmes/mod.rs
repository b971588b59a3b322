//! Pages of programmes: the list, a programme with the requests in it and its plan (targets,
//! budget, progress), and the form coordinators create, edit and close them with.

pub(crate) mod pages;
pub(crate) mod programme_plan;

use crate::routes::Routes;

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/programmes", "programme.list", pages::list)
        .get("/programmes/new", "programme.new.form", pages::new_form)
        .post("/programmes/new", "programme.create", pages::create)
        .get("/programmes/{id}", "programme.view", pages::show)
        .reads::<pages::ShowQuery>()
        .get("/programmes/{id}/edit", "programme.edit.form", pages::edit_form)
        .post("/programmes/{id}/edit", "programme.edit", pages::edit)
}
