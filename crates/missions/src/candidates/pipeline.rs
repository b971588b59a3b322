//! The candidate pipeline of a request, as a pure state machine.
//!
//! ```text
//! shortlisted ─invite─▶ invited ─accept─▶ accepted ─propose─▶ proposed ─approve─▶ host approved ─select─▶ selected
//!                        │  │  ▲                               │
//!              decline ◀─┘  │  └─ invite again ─ expired       └─▶ host declined
//!                           └──── (reply-by day passed) ──▶ expired
//!
//! withdrawn ◀── shortlisted, invited, accepted, proposed, host approved (coordinator; the expert
//!               from accepted on), with a reason
//! ```
//!
//! Coordinators shortlist, invite (with a reply-by day), propose to the host and select; the
//! expert accepts or declines (with a reason); the host approves or declines (with a reason);
//! the platform expires an invitation left unanswered past its day. Forward steps need the
//! request open for matching (approved); selecting needs a free position and an expert not
//! booked on an overlapping mission. Nothing here does IO: the store applies a [`Transition`],
//! records it in the audit log and does what follows (consent, mission, notifications) in one
//! transaction.

use crate::codes::code_enum;
use crate::machine::{Machine, refusal_from_step};
use crate::party::{Party, who};
use time::{Date, Duration};

code_enum! {
    /// Where a candidate stands.
    pub enum Status ("a candidate status", "candidate.status_unknown") {
        /// Put on the request's shortlist by a coordinator; the expert knows nothing yet.
        Shortlisted => "shortlisted",
        /// Sent the terms of reference, with a day to answer by.
        Invited => "invited",
        /// Said yes, and agreed that the host sees their profile for this request.
        Accepted => "accepted",
        /// Said no, with a reason.
        Declined => "declined",
        /// Did not answer in time.
        Expired => "expired",
        /// Proposed to the host institution.
        Proposed => "proposed",
        /// Approved by the host.
        HostApproved => "host_approved",
        /// Declined by the host, with a reason.
        HostDeclined => "host_declined",
        /// Selected: holds a position, and has a mission.
        Selected => "selected",
        /// Taken out of the pipeline before selection, with a reason.
        Withdrawn => "withdrawn",
    }
}

impl Status {
    /// Nothing follows these (except a new invitation after an expiry).
    pub fn is_final(self) -> bool {
        matches!(self, Declined | HostDeclined | Selected | Withdrawn)
    }

    /// Whether the expert has said yes and the candidacy still runs: what the host's view of
    /// the profile depends on (with the consent).
    pub fn has_accepted(self) -> bool {
        matches!(self, Accepted | Proposed | HostApproved | Selected)
    }

    /// Whether the expert knows of this candidacy (invited at some point).
    pub fn known_to_expert(self) -> bool {
        self != Shortlisted
    }
}

/// The longest reason a step keeps.
pub const MAX_REASON_CHARS: usize = 900;
/// The latest reply-by day a coordinator may give, in days from today.
pub const MAX_REPLY_DAYS: i64 = 60;

use Party::{Expert, Host, Staff, System};
use Status::*;

/// The steps: (from, to, who may take it).
pub(crate) const MACHINE: Machine<Status> = Machine::new(&[
    (Shortlisted, Invited, &[Staff]),
    (Shortlisted, Withdrawn, &[Staff]),
    (Invited, Accepted, &[Expert]),
    (Invited, Declined, &[Expert]),
    (Invited, Expired, &[System]),
    (Invited, Withdrawn, &[Staff]),
    (Expired, Invited, &[Staff]),
    (Accepted, Proposed, &[Staff]),
    (Accepted, Withdrawn, &[Staff, Expert]),
    (Proposed, HostApproved, &[Host]),
    (Proposed, HostDeclined, &[Host]),
    (Proposed, Withdrawn, &[Staff, Expert]),
    (HostApproved, Selected, &[Staff]),
    (HostApproved, Withdrawn, &[Staff, Expert]),
]);

/// What the guards need to know besides the two states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Context {
    /// The request is approved (open for matching).
    pub request_open: bool,
    /// Positions of the request not yet held by a selected candidate with a live mission.
    pub free_positions: u32,
    /// The expert is booked on another mission overlapping this request's dates.
    pub expert_booked: bool,
    /// The day the invitation must be answered by, while invited.
    pub reply_by: Option<Date>,
    pub today: Date,
}

/// What the person taking the step typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Input {
    /// A reason (required to decline, to refuse, to withdraw), or a comment.
    pub comment: String,
    /// For an invitation: the day to answer by.
    pub reply_by: Option<Date>,
}

/// An accepted step: what the store writes and the audit log records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transition {
    pub from: Status,
    pub to: Status,
    pub by: Party,
    /// Trimmed.
    pub comment: String,
    /// For an invitation.
    pub reply_by: Option<Date>,
}

impl Transition {
    /// The audit log's name of the step (`candidate.invite`).
    pub fn action(&self) -> &'static str {
        action_for(self.to)
    }

    /// `invited -> declined: the reason`, as the audit log keeps it.
    pub fn detail(&self) -> String {
        let mut detail = format!("{} -> {}", self.from, self.to);
        if let Some(day) = self.reply_by {
            detail.push_str(&format!(" (reply by {day})"));
        }
        if !self.comment.is_empty() {
            detail.push_str(": ");
            detail.push_str(&self.comment);
        }
        detail
    }
}

/// The audit action of a move to `to`.
pub fn action_for(to: Status) -> &'static str {
    match to {
        Shortlisted => "candidate.shortlist",
        Invited => "candidate.invite",
        Accepted => "candidate.accept",
        Declined => "candidate.decline",
        Expired => "candidate.expire",
        Proposed => "candidate.propose",
        HostApproved => "candidate.host_approve",
        HostDeclined => "candidate.host_decline",
        Selected => "candidate.select",
        Withdrawn => "candidate.withdraw",
    }
}

/// Why a step was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    Unchanged {
        status: Status,
    },
    NoSuchStep {
        from: Status,
        to: Status,
    },
    NotYours {
        from: Status,
        to: Status,
        by: Party,
    },
    /// The request is not approved (not yet, or no longer): nothing moves forward.
    RequestNotOpen,
    /// Every position is held.
    NoFreePosition,
    /// The expert is booked on another mission over these dates.
    ExpertBooked,
    /// The reply-by day has passed.
    DeadlinePassed,
    ReasonRequired {
        to: Status,
    },
    ReasonTooLong {
        max: usize,
    },
    /// The reason holds a control character (see `passerelle_core::check_text`).
    ReasonControl {
        character: char,
    },
    ReplyByRequired,
    /// Before today, or too far ahead.
    ReplyByOutOfRange {
        max_days: i64,
    },
}

impl Refusal {
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::Unchanged { .. } => "candidate.unchanged",
            Refusal::NoSuchStep { .. } => "candidate.no_such_step",
            Refusal::NotYours { .. } => "candidate.not_yours",
            Refusal::RequestNotOpen => "candidate.request_not_open",
            Refusal::NoFreePosition => "candidate.no_free_position",
            Refusal::ExpertBooked => "candidate.expert_booked",
            Refusal::DeadlinePassed => "candidate.deadline_passed",
            Refusal::ReasonRequired { .. } => "candidate.reason_required",
            Refusal::ReasonTooLong { .. } => "candidate.reason_too_long",
            Refusal::ReasonControl { .. } => "candidate.reason_control",
            Refusal::ReplyByRequired => "candidate.reply_by_required",
            Refusal::ReplyByOutOfRange { .. } => "candidate.reply_by_out_of_range",
        }
    }

    pub fn message(&self) -> String {
        match self {
            Refusal::Unchanged { status } => format!("the candidate is already {status}"),
            Refusal::NoSuchStep { from, to } => format!("a candidate who is {from} cannot become {to}"),
            Refusal::NotYours { from, to, by } => format!(
                "a candidate who is {from} becomes {to} only by {}, not by {}",
                who(MACHINE.parties(*from, *to)),
                by.words()
            ),
            Refusal::RequestNotOpen => "the request is not open for matching (it must be approved)".into(),
            Refusal::NoFreePosition => "every position of the request is already filled".into(),
            Refusal::ExpertBooked => "the expert is booked on another mission over these dates".into(),
            Refusal::DeadlinePassed => "the day to answer this invitation has passed".into(),
            Refusal::ReasonRequired { to } => format!("a reason is required to make the candidate {to}"),
            Refusal::ReasonTooLong { max } => format!("the reason must be at most {max} characters"),
            Refusal::ReasonControl { character } => {
                format!("the reason must not hold control characters (U+{:04X})", u32::from(*character))
            }
            Refusal::ReplyByRequired => "an invitation needs a day to answer by".into(),
            Refusal::ReplyByOutOfRange { max_days } => {
                format!("the day to answer by must be between today and {max_days} days from now")
            }
        }
    }

    /// Refusals about what was typed rather than about the state (422 rather than 409).
    pub fn is_about_input(&self) -> bool {
        matches!(
            self,
            Refusal::ReasonRequired { .. }
                | Refusal::ReasonTooLong { .. }
                | Refusal::ReasonControl { .. }
                | Refusal::ReplyByRequired
                | Refusal::ReplyByOutOfRange { .. }
        )
    }

    /// The field of the form a refusal about input belongs to.
    pub fn field(&self) -> &'static str {
        match self {
            Refusal::ReplyByRequired | Refusal::ReplyByOutOfRange { .. } => "reply_by",
            _ => "comment",
        }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

refusal_from_step!(Refusal, Status);

/// Whether moving to `to` needs a reason.
pub fn reason_required(to: Status) -> bool {
    matches!(to, Declined | HostDeclined | Withdrawn)
}

/// Whether a step moves the candidacy forward (and so needs the request open).
fn forward(to: Status) -> bool {
    matches!(to, Invited | Accepted | Proposed | HostApproved | Selected)
}

/// The guards on the state (not on what was typed): `Ok` if the step may be taken now.
fn state_guards(from: Status, to: Status, context: &Context) -> Result<(), Refusal> {
    if forward(to) && !context.request_open {
        return Err(Refusal::RequestNotOpen);
    }
    if from == Invited && to == Accepted && context.reply_by.is_some_and(|day| context.today > day) {
        return Err(Refusal::DeadlinePassed);
    }
    if to == Selected {
        if context.free_positions == 0 {
            return Err(Refusal::NoFreePosition);
        }
        if context.expert_booked {
            return Err(Refusal::ExpertBooked);
        }
    }
    Ok(())
}

/// Decides whether `by` may move a candidate from `from` to `to`, and with what record.
pub fn transition(
    from: Status,
    to: Status,
    by: Party,
    context: &Context,
    input: &Input,
) -> Result<Transition, Refusal> {
    MACHINE.check(from, to, by, false)?;
    state_guards(from, to, context)?;
    let comment = input.comment.trim();
    if reason_required(to) && comment.is_empty() {
        return Err(Refusal::ReasonRequired { to });
    }
    if comment.chars().count() > MAX_REASON_CHARS {
        return Err(Refusal::ReasonTooLong { max: MAX_REASON_CHARS });
    }
    if let Some(character) = passerelle_core::refused_char(comment, passerelle_core::Lines::Many) {
        return Err(Refusal::ReasonControl { character });
    }
    let reply_by = if to == Invited {
        let Some(day) = input.reply_by else { return Err(Refusal::ReplyByRequired) };
        if day < context.today || day > context.today + Duration::days(MAX_REPLY_DAYS) {
            return Err(Refusal::ReplyByOutOfRange { max_days: MAX_REPLY_DAYS });
        }
        Some(day)
    } else {
        None
    };
    Ok(Transition { from, to, by, comment: comment.to_owned(), reply_by })
}

/// The states `by` may move a candidate from `from` to now, state guards included.
pub fn allowed_targets(from: Status, by: Party, context: &Context) -> Vec<Status> {
    MACHINE.targets(from, by).filter(|to| state_guards(from, *to, context).is_ok()).collect()
}

/// The reply-by day proposed by default: a week from today.
pub fn default_reply_by(today: Date) -> Date {
    today + Duration::days(7)
}

#[cfg(test)]
#[path = "pipeline_tests.rs"]
mod tests;
