//! The route table: every route of the application with the action it performs, declared in
//! one place. The router is built from it, and the authorization matrix test enumerates it, so
//! a route cannot exist without being in the matrix.

use crate::AppState;
use crate::query::{NumberParam, numbers_of};
use axum::Router;
use axum::handler::Handler;
use axum::routing::{MethodRouter, delete, get, post, put};

/// One route: its method, its path pattern, the action it performs (for people reading the
/// table and the matrix test), and the numbers its query string takes with their ranges (for
/// the end-to-end test that sends each of them the extreme values).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteSpec {
    pub method: &'static str,
    pub path: &'static str,
    pub action: &'static str,
    pub numbers: Vec<NumberParam>,
    /// Takes files (`multipart/form-data`): its body may be as large as a file allows.
    pub uploads: bool,
}

/// A router that remembers what it was given.
pub struct Routes {
    router: Router<AppState>,
    specs: Vec<RouteSpec>,
}

impl Default for Routes {
    fn default() -> Self {
        Self::new()
    }
}

impl Routes {
    pub fn new() -> Self {
        Routes { router: Router::new(), specs: vec![] }
    }

    fn add(
        mut self,
        method: &'static str,
        path: &'static str,
        action: &'static str,
        route: MethodRouter<AppState>,
    ) -> Self {
        self.specs.push(RouteSpec { method, path, action, numbers: vec![], uploads: false });
        self.router = self.router.route(path, route);
        self
    }

    pub fn get<H: Handler<T, AppState>, T: 'static>(
        self,
        path: &'static str,
        action: &'static str,
        handler: H,
    ) -> Self {
        self.add("GET", path, action, get(handler))
    }

    pub fn post<H: Handler<T, AppState>, T: 'static>(
        self,
        path: &'static str,
        action: &'static str,
        handler: H,
    ) -> Self {
        self.add("POST", path, action, post(handler))
    }

    pub fn put<H: Handler<T, AppState>, T: 'static>(
        self,
        path: &'static str,
        action: &'static str,
        handler: H,
    ) -> Self {
        self.add("PUT", path, action, put(handler))
    }

    pub fn delete<H: Handler<T, AppState>, T: 'static>(
        self,
        path: &'static str,
        action: &'static str,
        handler: H,
    ) -> Self {
        self.add("DELETE", path, action, delete(handler))
    }

    /// Declares that the route added last reads a query string of type `Q` (with
    /// [`crate::query::Query`]), so that the route table lists its numbers and their ranges.
    pub fn reads<Q: utoipa::IntoParams>(mut self) -> Self {
        if let Some(last) = self.specs.last_mut() {
            last.numbers = numbers_of::<Q>();
        }
        self
    }

    /// Declares that the route added last takes files: its body limit is the upload limit, and
    /// it reads `multipart/form-data` (its handler checks the type, after the authorization).
    pub fn uploads(mut self) -> Self {
        if let Some(last) = self.specs.last_mut() {
            last.uploads = true;
        }
        self
    }

    pub fn merge(mut self, other: Routes) -> Self {
        self.specs.extend(other.specs);
        self.router = self.router.merge(other.router);
        self
    }

    pub fn into_parts(self) -> (Router<AppState>, Vec<RouteSpec>) {
        (self.router, self.specs)
    }
}
