//! The one mapping from the domain's errors to HTTP answers, so that handlers use `?`: a record
//! that does not exist or is none of the caller's business is 404, an action that is not theirs
//! 403, a refusal about what was typed 422 at its field, a refusal about the state 409 (with the
//! steps allowed now where the handler knows them: [`AppError::allowing`]), a database or store
//! failure 500.

use crate::AppError;
use passerelle_core::FieldError;
use passerelle_missions::calls::CallError;
use passerelle_missions::costs::CostError;
use passerelle_missions::documents::DocumentError;
use passerelle_missions::messages::MessageError;
use passerelle_missions::{candidates, lifecycle, requests};

impl From<candidates::ChangeError> for AppError {
    fn from(error: candidates::ChangeError) -> Self {
        use candidates::ChangeError::*;
        match error {
            NotFound => AppError::NotFound,
            Forbidden => AppError::Forbidden,
            Database(e) => e.into(),
            Refused(refusal) if refusal.is_about_input() => {
                AppError::invalid(refusal.field(), refusal.code(), refusal.message())
            }
            Refused(refusal) => AppError::conflict(refusal.message()),
            AlreadyCandidate(id) => {
                AppError::conflict(format!("the expert is already a candidate for this request ({id})"))
            }
            NoConsent => AppError::conflict("there is no consent to withdraw"),
        }
    }
}

impl From<lifecycle::ChangeError> for AppError {
    fn from(error: lifecycle::ChangeError) -> Self {
        use lifecycle::ChangeError::*;
        match error {
            NotFound => AppError::NotFound,
            Forbidden => AppError::Forbidden,
            Database(e) => e.into(),
            Invalid(fields) => AppError::Invalid(fields),
            Refused(refusal) if refusal.is_about_input() => {
                AppError::invalid(refusal.field(), refusal.code(), refusal.message())
            }
            Extension(refusal) if refusal.is_about_input() => {
                AppError::invalid(refusal.field(), refusal.code(), refusal.message())
            }
            other => AppError::conflict(other.to_string()),
        }
    }
}

impl From<requests::ChangeError> for AppError {
    fn from(error: requests::ChangeError) -> Self {
        use requests::ChangeError::*;
        match error {
            NotFound => AppError::NotFound,
            Forbidden => AppError::Forbidden,
            Database(e) => e.into(),
            Refused(refusal) if refusal.is_about_input() => {
                AppError::Invalid(vec![FieldError::new("comment", refusal.code(), refusal.message())])
            }
            Refused(refusal) => AppError::conflict(refusal.message()),
            NotHeld => {
                AppError::conflict("the request was not entered on the institution's behalf, or was taken over already")
            }
            NotEditable { status, party } => AppError::conflict(format!(
                "the request is {status}: its terms cannot be edited by {} now",
                if party == requests::Party::Host { "the institution" } else { "you" }
            )),
        }
    }
}

impl From<CallError> for AppError {
    fn from(error: CallError) -> Self {
        match error {
            CallError::NotFound => AppError::NotFound,
            CallError::Forbidden => AppError::Forbidden,
            CallError::Closed => AppError::conflict("the call is closed"),
            CallError::Invalid(fields) => AppError::Invalid(fields),
            CallError::Database(e) => e.into(),
        }
    }
}

impl From<CostError> for AppError {
    fn from(error: CostError) -> Self {
        match error {
            CostError::Invalid(errors) => AppError::Invalid(errors),
            CostError::NotFound => AppError::NotFound,
            CostError::Database(e) => e.into(),
        }
    }
}

impl From<DocumentError> for AppError {
    fn from(error: DocumentError) -> Self {
        match error {
            DocumentError::NotFound => AppError::NotFound,
            DocumentError::Forbidden => AppError::Forbidden,
            DocumentError::Invalid(fields) => AppError::Invalid(fields),
            DocumentError::OverQuota { .. } => AppError::TooLarge(error.to_string()),
            DocumentError::Unavailable(why) => AppError::conflict(format!("the file is not available: {why}")),
            DocumentError::Database(e) => e.into(),
            DocumentError::Store(e) => AppError::Internal(e),
        }
    }
}

impl From<MessageError> for AppError {
    fn from(error: MessageError) -> Self {
        match error {
            MessageError::NotFound => AppError::NotFound,
            MessageError::Invalid(fields) => AppError::Invalid(fields),
            MessageError::Document(e) => e.into(),
            MessageError::Database(e) => e.into(),
        }
    }
}
