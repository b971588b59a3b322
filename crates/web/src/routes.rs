//! The route table: every route of the application with the action it performs, declared in
//! one place. The router is built from it, and the authorization matrix test enumerates it, so
//! a route cannot exist without being in the matrix.

use crate::AppState;
use axum::Router;
use axum::handler::Handler;
use axum::routing::{MethodRouter, get, post, put};

/// One route: its method, its path pattern, and the action it performs (for people reading
/// the table and the matrix test).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteSpec {
    pub method: &'static str,
    pub path: &'static str,
    pub action: &'static str,
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
        self.specs.push(RouteSpec { method, path, action });
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

    pub fn merge(mut self, other: Routes) -> Self {
        self.specs.extend(other.specs);
        self.router = self.router.merge(other.router);
        self
    }

    pub fn into_parts(self) -> (Router<AppState>, Vec<RouteSpec>) {
        (self.router, self.specs)
    }
}
