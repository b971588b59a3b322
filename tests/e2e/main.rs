//! End-to-end tests: the real `passerelle` binary, started on a free port with a temporary data
//! directory, driven over HTTP like a browser or an API client would.

// Shared by every test module; not every module uses every helper.
#[allow(dead_code)]
mod harness;

mod account_api;
mod accounts;
mod admin_api;
mod backup;
mod bounds;
mod browser;
mod budgets;
mod bulk;
mod calendar;
mod calls_api;
mod clamd;
mod contract;
mod costs_api;
mod crash;
mod demo_programmes;
mod details;
mod documents;
mod first_start;
mod foundation;
mod french;
mod hardening;
mod home;
mod instances;
mod layout;
mod list_search;
mod matching;
mod mission_records_api;
mod on_behalf;
mod onboarding;
mod operations_browser;
mod pages;
mod pdf_documents;
mod pipeline;
mod profiles;
mod programme_languages;
mod proofs;
mod requests;
mod s3;
mod smtp;
mod suggestions;
mod taxonomy;
mod understanding;
