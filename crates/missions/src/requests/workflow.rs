//! The review workflow of a mission request, as a pure state machine.
//!
//! ```text
//! draft ──submit──▶ submitted ──approve──▶ approved ──(all positions filled)──▶ staffed ──close──▶ closed
//!                    │     ▲                   ▲                                   │
//!                    │     │                   └──(a mission cancelled: reopened)──┘
//!      request changes     │ submit again
//!                    ▼     │
//!                 changes requested
//!
//! cancelled ◀── any of draft, submitted, changes requested, approved (with a reason)
//! ```
//!
//! Who may take each step: the institution's members submit (and resubmit) and cancel (staff
//! submit too a request they entered on the institution's behalf, until a member takes it
//! over); the
//! programme's staff (coordinators and admins) request changes, approve (only the requests of a
//! verified institution), cancel and close; `staffed` is set by the system once every position
//! is filled (the mission pipeline), and undone by it when a mission is cancelled and frees a
//! position. Every refusal says why. Nothing here does IO:
//! the store applies a [`Transition`] and records it in the audit log in one transaction.

use crate::codes::code_enum;
use crate::machine::{Machine, refusal_from_step};

code_enum! {
    /// Where a request stands.
    pub enum Status ("a request status", "request.status_unknown") {
        /// Written by the institution, not yet sent.
        Draft => "draft",
        /// Sent for review.
        Submitted => "submitted",
        /// Sent back to the institution with what to change.
        ChangesRequested => "changes_requested",
        /// Approved: open for matching.
        Approved => "approved",
        /// Every position is filled.
        Staffed => "staffed",
        /// Done.
        Closed => "closed",
        /// Given up, with a reason.
        Cancelled => "cancelled",
    }
}

impl Status {
    /// Closed and cancelled requests never change again.
    pub fn is_terminal(self) -> bool {
        matches!(self, Status::Closed | Status::Cancelled)
    }
}

/// Who acts on a request, relative to that request: staff, an approved member of the request's
/// institution (the host), or the platform (the mission pipeline filling positions). The
/// parties of the mission pipeline, so that one word names one kind of person everywhere.
pub use crate::party::Party;

/// What the guards need to know besides the two states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Context {
    /// Whether a coordinator verified the request's institution.
    pub institution_verified: bool,
    /// A coordinator entered the request on the institution's behalf and no member took it
    /// over yet: staff then submit it for the institution.
    pub held_for_institution: bool,
}

/// The longest comment a transition keeps (the audit log keeps 1000 characters in all).
pub const MAX_COMMENT_CHARS: usize = 900;

/// The steps: (from, to, who may take it).
pub(crate) const MACHINE: Machine<Status> = Machine::new(&[
    (Status::Draft, Status::Submitted, &[Party::Host]),
    (Status::Draft, Status::Cancelled, &[Party::Host, Party::Staff]),
    (Status::Submitted, Status::ChangesRequested, &[Party::Staff]),
    (Status::Submitted, Status::Approved, &[Party::Staff]),
    (Status::Submitted, Status::Cancelled, &[Party::Host, Party::Staff]),
    (Status::ChangesRequested, Status::Submitted, &[Party::Host]),
    (Status::ChangesRequested, Status::Cancelled, &[Party::Host, Party::Staff]),
    (Status::Approved, Status::Staffed, &[Party::System]),
    (Status::Staffed, Status::Approved, &[Party::System]),
    (Status::Approved, Status::Cancelled, &[Party::Host, Party::Staff]),
    (Status::Staffed, Status::Closed, &[Party::Staff]),
]);

/// An accepted change of status: what the store writes and the audit log records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transition {
    pub from: Status,
    pub to: Status,
    pub by: Party,
    /// Trimmed; required when asking for changes and when cancelling.
    pub comment: String,
}

impl Transition {
    /// The audit log's name of this step (`request.approve`).
    pub fn action(&self) -> &'static str {
        if self.from == Status::Staffed && self.to == Status::Approved { "request.reopen" } else { action_for(self.to) }
    }

    /// The audit log's detail: `submitted -> approved`, then `: ` and the comment if any.
    pub fn detail(&self) -> String {
        if self.comment.is_empty() {
            format!("{} -> {}", self.from, self.to)
        } else {
            format!("{} -> {}: {}", self.from, self.to, self.comment)
        }
    }
}

/// The audit action recorded for a move to `to`.
pub fn action_for(to: Status) -> &'static str {
    match to {
        Status::Draft => "request.create",
        Status::Submitted => "request.submit",
        Status::ChangesRequested => "request.request_changes",
        Status::Approved => "request.approve",
        Status::Staffed => "request.staff",
        Status::Closed => "request.close",
        Status::Cancelled => "request.cancel",
    }
}

/// Why a transition was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The request is already in that state.
    Unchanged {
        status: Status,
    },
    /// The workflow has no such step.
    NoSuchStep {
        from: Status,
        to: Status,
    },
    /// The step exists, but someone else takes it.
    NotYours {
        from: Status,
        to: Status,
        by: Party,
    },
    /// Only a verified institution's requests can be approved.
    InstitutionNotVerified,
    /// Asking for changes and cancelling need a comment that says why.
    CommentRequired {
        to: Status,
    },
    CommentTooLong {
        max: usize,
    },
    /// The comment holds a control character (see `passerelle_core::check_text`).
    CommentControl {
        character: char,
    },
}

impl Refusal {
    /// A stable code (`request.no_such_step`).
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::Unchanged { .. } => "request.unchanged",
            Refusal::NoSuchStep { .. } => "request.no_such_step",
            Refusal::NotYours { .. } => "request.not_yours",
            Refusal::InstitutionNotVerified => "request.institution_not_verified",
            Refusal::CommentRequired { .. } => "request.comment_required",
            Refusal::CommentTooLong { .. } => "request.comment_too_long",
            Refusal::CommentControl { .. } => "request.comment_control",
        }
    }

    /// An English sentence naming the reason.
    pub fn message(&self) -> String {
        match self {
            Refusal::Unchanged { status } => format!("the request is already {status}"),
            Refusal::NoSuchStep { from, to } => {
                format!("a request that is {from} cannot become {to}")
            }
            Refusal::NotYours { from, to, by } => {
                let who = who_may(*from, *to);
                format!("a request that is {from} becomes {to} only by {who}, not by {}", party_words(*by))
            }
            Refusal::InstitutionNotVerified => {
                "the institution is not verified yet: a coordinator must verify it before its requests can be approved"
                    .into()
            }
            Refusal::CommentRequired { to } => format!("a comment saying why is required to make the request {to}"),
            Refusal::CommentTooLong { max } => format!("the comment must be at most {max} characters"),
            Refusal::CommentControl { character } => {
                format!("the comment must not hold control characters (U+{:04X})", u32::from(*character))
            }
        }
    }

    /// Refusals about what was typed (the comment) rather than about the state.
    pub fn is_about_input(&self) -> bool {
        matches!(
            self,
            Refusal::CommentRequired { .. } | Refusal::CommentTooLong { .. } | Refusal::CommentControl { .. }
        )
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

/// A party in a refusal's words: on a request, the host is one of its institution's members.
fn party_words(party: Party) -> &'static str {
    match party {
        Party::Host => "a member of the institution",
        other => other.words(),
    }
}

fn who_may(from: Status, to: Status) -> String {
    MACHINE.parties(from, to).iter().map(|p| party_words(*p)).collect::<Vec<_>>().join(" or ")
}

refusal_from_step!(Refusal, Status);

fn needs_comment(to: Status) -> bool {
    matches!(to, Status::ChangesRequested | Status::Cancelled)
}

/// Decides whether `by` may move a request from `from` to `to`, and with what record.
pub fn transition(from: Status, to: Status, by: Party, context: Context, comment: &str) -> Result<Transition, Refusal> {
    MACHINE.check(from, to, by, held_for_staff(to, by, context))?;
    if from == Status::Submitted && to == Status::Approved && !context.institution_verified {
        return Err(Refusal::InstitutionNotVerified);
    }
    let comment = comment.trim();
    if needs_comment(to) && comment.is_empty() {
        return Err(Refusal::CommentRequired { to });
    }
    if comment.chars().count() > MAX_COMMENT_CHARS {
        return Err(Refusal::CommentTooLong { max: MAX_COMMENT_CHARS });
    }
    if let Some(character) = passerelle_core::refused_char(comment, passerelle_core::Lines::Many) {
        return Err(Refusal::CommentControl { character });
    }
    Ok(Transition { from, to, by, comment: comment.to_owned() })
}

/// Staff submitting a request they hold for its institution: a step the table gives members,
/// open to staff until a member takes the request over.
fn held_for_staff(to: Status, by: Party, context: Context) -> bool {
    by == Party::Staff && to == Status::Submitted && context.held_for_institution
}

/// The states `by` may move a request from `from` to, guards included (a comment aside).
pub fn allowed_targets(from: Status, by: Party, context: Context) -> Vec<Status> {
    MACHINE
        .out_of(from)
        .filter(|(to, parties)| parties.contains(&by) || held_for_staff(*to, by, context))
        .map(|(to, _)| to)
        .filter(|to| from != Status::Submitted || *to != Status::Approved || context.institution_verified)
        .collect()
}

/// Whether `by` may change the terms of reference of a request in `status`: members while it is
/// theirs to write (draft, changes requested), staff while it is not over.
pub fn can_edit(status: Status, by: Party) -> bool {
    match by {
        Party::Host => matches!(status, Status::Draft | Status::ChangesRequested),
        Party::Staff => !status.is_terminal(),
        Party::Expert | Party::System => false,
    }
}

/// Whether a comment is required to move to `to` (for forms to say so up front).
pub fn comment_required(to: Status) -> bool {
    needs_comment(to)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Party::{Host as Member, Staff, System};
    use Status::*;
    use proptest::prelude::*;

    const VERIFIED: Context = Context { institution_verified: true, held_for_institution: false };
    const UNVERIFIED: Context = Context { institution_verified: false, held_for_institution: false };

    /// The workflow as the issue states it, written independently of `EDGES`.
    fn expected(from: Status, to: Status, by: Party) -> bool {
        match (from, to) {
            (Draft, Submitted) | (ChangesRequested, Submitted) => by == Member,
            (Submitted, ChangesRequested) | (Submitted, Approved) | (Staffed, Closed) => by == Staff,
            (Approved, Staffed) | (Staffed, Approved) => by == System,
            (Draft | Submitted | ChangesRequested | Approved, Cancelled) => by == Member || by == Staff,
            _ => false,
        }
    }

    #[test]
    fn every_transition_is_allowed_or_refused_as_the_issue_says() {
        for &from in Status::ALL {
            for &to in Status::ALL {
                for &by in Party::ALL {
                    let result = transition(from, to, by, VERIFIED, "because");
                    assert_eq!(result.is_ok(), expected(from, to, by), "{from} -> {to} by {by}: {result:?}");
                    match result {
                        Ok(step) => {
                            assert_eq!((step.from, step.to, step.by), (from, to, by));
                            assert!(allowed_targets(from, by, VERIFIED).contains(&to));
                        }
                        Err(refusal) => {
                            assert!(!refusal.message().is_empty() && refusal.code().starts_with("request."));
                            assert!(!allowed_targets(from, by, VERIFIED).contains(&to));
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn refusals_name_their_reason() {
        assert_eq!(transition(Draft, Draft, Member, VERIFIED, ""), Err(Refusal::Unchanged { status: Draft }));
        assert_eq!(
            transition(Draft, Approved, Staff, VERIFIED, ""),
            Err(Refusal::NoSuchStep { from: Draft, to: Approved })
        );
        let not_yours = transition(Submitted, Approved, Member, VERIFIED, "").unwrap_err();
        assert_eq!(not_yours, Refusal::NotYours { from: Submitted, to: Approved, by: Member });
        assert_eq!(
            not_yours.message(),
            "a request that is submitted becomes approved only by a coordinator, not by a member of the institution"
        );
        assert_eq!(transition(Submitted, Approved, Staff, UNVERIFIED, ""), Err(Refusal::InstitutionNotVerified));
        assert_eq!(
            transition(Submitted, ChangesRequested, Staff, VERIFIED, "see \u{202e}txt.exe"),
            Err(Refusal::CommentControl { character: '\u{202e}' })
        );
        assert!(transition(Submitted, ChangesRequested, Staff, VERIFIED, "two\r\nlines\tand a tab").is_ok());
        assert_eq!(
            transition(Submitted, ChangesRequested, Staff, VERIFIED, "  "),
            Err(Refusal::CommentRequired { to: ChangesRequested })
        );
        assert_eq!(
            transition(Approved, Cancelled, Member, VERIFIED, ""),
            Err(Refusal::CommentRequired { to: Cancelled })
        );
        let long = "x".repeat(MAX_COMMENT_CHARS + 1);
        assert_eq!(
            transition(Draft, Submitted, Member, VERIFIED, &long),
            Err(Refusal::CommentTooLong { max: MAX_COMMENT_CHARS })
        );
        for terminal in [Closed, Cancelled] {
            for &to in Status::ALL {
                for &by in Party::ALL {
                    assert!(transition(terminal, to, by, VERIFIED, "x").is_err());
                }
            }
        }
        assert_eq!(
            transition(Staffed, Cancelled, Staff, VERIFIED, "too late").unwrap_err(),
            Refusal::NoSuchStep { from: Staffed, to: Cancelled },
            "cancelling is possible only before staffed"
        );
    }

    #[test]
    fn approval_waits_for_verification_and_lists_say_so() {
        assert_eq!(allowed_targets(Submitted, Staff, VERIFIED), vec![ChangesRequested, Approved, Cancelled]);
        assert_eq!(allowed_targets(Submitted, Staff, UNVERIFIED), vec![ChangesRequested, Cancelled]);
        assert_eq!(allowed_targets(Submitted, Member, VERIFIED), vec![Cancelled]);
        assert_eq!(allowed_targets(Approved, System, VERIFIED), vec![Staffed]);
        assert_eq!(allowed_targets(Staffed, System, VERIFIED), vec![Approved]);
        assert!(allowed_targets(Closed, Staff, VERIFIED).is_empty());
    }

    #[test]
    fn the_record_names_the_step_and_keeps_the_comment() {
        let step = transition(Submitted, ChangesRequested, Staff, VERIFIED, "  Please add the dates.  ").unwrap();
        assert_eq!(step.action(), "request.request_changes");
        assert_eq!(step.detail(), "submitted -> changes_requested: Please add the dates.");
        let plain = transition(Draft, Submitted, Member, VERIFIED, "").unwrap();
        assert_eq!(plain.detail(), "draft -> submitted");
    }

    #[test]
    fn staff_submit_what_they_hold_for_an_institution() {
        let held = Context { institution_verified: true, held_for_institution: true };
        for from in [Draft, ChangesRequested] {
            assert!(transition(from, Submitted, Staff, held, "").is_ok(), "{from}");
            assert!(allowed_targets(from, Staff, held).contains(&Submitted));
            assert_eq!(
                transition(from, Submitted, Staff, VERIFIED, "").unwrap_err(),
                Refusal::NotYours { from, to: Submitted, by: Staff },
                "taken over, the request is the institution's to submit"
            );
            assert!(transition(from, Submitted, Member, held, "").is_ok(), "members may submit it too");
        }
        assert!(transition(Draft, Approved, Staff, held, "").is_err(), "holding it skips no step");
        assert!(transition(Submitted, Submitted, Staff, held, "").is_err());
    }

    #[test]
    fn who_edits_when() {
        for &status in Status::ALL {
            assert_eq!(can_edit(status, Member), matches!(status, Draft | ChangesRequested), "{status}");
            assert_eq!(can_edit(status, Staff), !matches!(status, Closed | Cancelled), "{status}");
            assert!(!can_edit(status, System));
        }
    }

    #[test]
    fn codes_round_trip() {
        for &status in Status::ALL {
            assert_eq!(Status::parse(status.code()).unwrap(), status);
        }
        assert_eq!(Status::parse("open").unwrap_err().code(), "request.status_unknown");
    }

    fn any_status() -> impl Strategy<Value = Status> {
        proptest::sample::select(Status::ALL)
    }

    fn any_party() -> impl Strategy<Value = Party> {
        proptest::sample::select(Party::ALL)
    }

    proptest! {
        /// Random actions by random parties, applied as the store applies them: the state only
        /// ever moves along the issue's workflow, and every change yields a record.
        #[test]
        fn random_actions_stay_inside_the_workflow(
            actions in proptest::collection::vec((any_party(), any_status(), any::<bool>(), any::<bool>()), 0..60),
        ) {
            let mut state = Draft;
            let mut records = Vec::new();
            for (by, to, verified, commented) in actions {
                let context = Context { institution_verified: verified, held_for_institution: false };
                let comment = if commented { "a reason" } else { "" };
                match transition(state, to, by, context, comment) {
                    Ok(step) => {
                        prop_assert!(expected(state, to, by), "{} -> {} by {}", state, to, by);
                        prop_assert!(state != Submitted || to != Approved || verified);
                        prop_assert!(!comment_required(to) || commented);
                        prop_assert_eq!(step.from, state);
                        records.push(step.clone());
                        state = step.to;
                    }
                    Err(_) => {
                        let legal = expected(state, to, by) && (state != Submitted || to != Approved || verified)
                            && (commented || !comment_required(to));
                        prop_assert!(!legal, "{} -> {} by {} was refused", state, to, by);
                    }
                }
            }
            // The records tell the whole story: they chain from draft to the final state.
            let mut replay = Draft;
            for step in &records {
                prop_assert_eq!(step.from, replay);
                replay = step.to;
            }
            prop_assert_eq!(replay, state);
        }
    }
}
