//! End-to-end tests: the real `passerelle` binary, started on a free port with a temporary data
//! directory, driven over HTTP like a browser or an API client would.

// Shared by every test module; not every module uses every helper.
#[allow(dead_code)]
mod harness;

mod accounts;
mod bounds;
mod browser;
mod contract;
mod first_start;
mod foundation;
mod hardening;
mod home;
mod list_search;
mod matching;
mod on_behalf;
mod onboarding;
mod operations_browser;
mod pipeline;
mod profiles;
mod requests;
mod smtp;
mod taxonomy;
