//! The lifecycle of a mission (one selected expert's), as a pure state machine, modelled on
//! MIDA's missions.
//!
//! ```text
//! planned ─sign-off─▶ approved ─▶ preparing ─(checklist done)─▶ in progress ─▶ completed
//!    │                   │            │        (actual start)                (actual end; an
//!    └───────────────────┴────────────┴──▶ cancelled (with a reason)          early end says why)
//!
//! completed ─(the expert's report)─▶ reported ─(the host's evaluation)─▶ evaluated ─sign-off─▶ closed
//! ```
//!
//! Coordinators sign off, prepare, start, complete, cancel and close; the expert's report and
//! the host's evaluation move the mission on when they are filed. An extension (a later end)
//! is asked for by any party and approved by a coordinator before the mission is completed.
//! Nothing here does IO.

use crate::codes::code_enum;
use crate::lifecycle::logistics::Item;
use crate::machine::{Machine, refusal_from_step};
use crate::party::{Party, who};
use passerelle_core::DateRange;
use time::Date;

code_enum! {
    /// Where a mission stands.
    pub enum Status ("a mission status", "mission.status_unknown") {
        /// Created by the selection of its expert.
        Planned => "planned",
        /// Signed off by a coordinator.
        Approved => "approved",
        /// Logistics under way (the checklist).
        Preparing => "preparing",
        /// Started (actual start day).
        InProgress => "in_progress",
        /// Ended (actual end day); the report is due.
        Completed => "completed",
        /// The expert's report is in.
        Reported => "reported",
        /// The host's evaluation is in.
        Evaluated => "evaluated",
        /// Signed off by a coordinator: done.
        Closed => "closed",
        /// Given up before it started, with a reason.
        Cancelled => "cancelled",
    }
}

impl Status {
    /// The states in which a mission holds its expert's days (see `booking`).
    pub const BOOKING: &'static [Status] = &[Planned, Approved, Preparing, InProgress];

    pub fn books(self) -> bool {
        Self::BOOKING.contains(&self)
    }

    /// Whether the mission took place (started, not cancelled).
    pub fn took_place(self) -> bool {
        matches!(self, InProgress | Completed | Reported | Evaluated | Closed)
    }

    /// Whether it ended (the expert's work is done).
    pub fn ended(self) -> bool {
        matches!(self, Completed | Reported | Evaluated | Closed)
    }

    /// Whether its dates may still change (an extension, a new schedule).
    pub fn dates_open(self) -> bool {
        matches!(self, Planned | Approved | Preparing | InProgress)
    }
}

use Party::{Expert, Host, Staff};
use Status::*;

/// The steps: (from, to, who may take it).
pub(crate) const MACHINE: Machine<Status> = Machine::new(&[
    (Planned, Approved, &[Staff]),
    (Planned, Cancelled, &[Staff]),
    (Approved, Preparing, &[Staff]),
    (Approved, Cancelled, &[Staff]),
    (Preparing, InProgress, &[Staff]),
    (Preparing, Cancelled, &[Staff]),
    (InProgress, Completed, &[Staff]),
    (Completed, Reported, &[Expert]),
    (Reported, Evaluated, &[Host]),
    (Evaluated, Closed, &[Staff]),
]);

/// How many days an actual start may lie from the planned first day without a second look.
/// Beyond it the person starting the mission is asked to confirm the day: a wrong month is the
/// usual cause of such a gap, while a real change of plan (a visa obtained early, a flight
/// moved) happens and is then confirmed, not refused.
pub const START_TOLERANCE_DAYS: i64 = 7;

/// The days from the planned first day to `day` (negative: earlier), when the gap is beyond
/// [`START_TOLERANCE_DAYS`].
pub fn start_off_plan(planned: DateRange, day: Date) -> Option<i64> {
    let gap = (day - planned.start()).whole_days();
    (gap.abs() > START_TOLERANCE_DAYS).then_some(gap)
}

/// The longest reason or comment kept.
pub const MAX_COMMENT_CHARS: usize = 900;

/// What the guards need to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Context {
    /// The planned days.
    pub planned: DateRange,
    pub actual_start: Option<Date>,
    /// Every item of the logistics checklist is done or not applicable.
    pub checklist_complete: bool,
    /// An item done without its proof (a visa, a ticket, an insurance certificate).
    pub proof_missing: Option<Item>,
    /// The programme deploys health workers in an emergency and the expert holds no verified
    /// licence to practise valid to the mission's end.
    pub licence_missing: bool,
    pub has_report: bool,
    pub has_evaluation: bool,
    pub today: Date,
}

/// What was typed with the step.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Input {
    /// A reason (to cancel, to end early) or a comment.
    pub comment: String,
    /// The actual start day (to start) or end day (to complete); today if not given.
    pub date: Option<Date>,
    /// A coordinator starts the mission although a proof is missing (the comment says why).
    pub override_proof: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transition {
    pub from: Status,
    pub to: Status,
    pub by: Party,
    pub comment: String,
    /// The actual start (to in progress) or end (to completed).
    pub date: Option<Date>,
    /// Completed before the planned end.
    pub early_end: bool,
    /// Started without the proof of this item, on a coordinator's word (the comment).
    pub proof_overridden: Option<Item>,
}

impl Transition {
    pub fn action(&self) -> &'static str {
        action_for(self.to)
    }

    /// `in_progress -> completed (2027-03-10, early): the reason`.
    pub fn detail(&self) -> String {
        let mut detail = format!("{} -> {}", self.from, self.to);
        match (self.date, self.early_end) {
            (Some(day), true) => detail.push_str(&format!(" ({day}, early)")),
            (Some(day), false) => detail.push_str(&format!(" ({day})")),
            _ => {}
        }
        if !self.comment.is_empty() {
            detail.push_str(": ");
            detail.push_str(&self.comment);
        }
        detail
    }
}

pub fn action_for(to: Status) -> &'static str {
    match to {
        Planned => "mission.create",
        Approved => "mission.approve",
        Preparing => "mission.prepare",
        InProgress => "mission.start",
        Completed => "mission.complete",
        Reported => "mission.report",
        Evaluated => "mission.evaluate",
        Closed => "mission.close",
        Cancelled => "mission.cancel",
    }
}

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
    /// Some item of the logistics checklist is still to do.
    ChecklistIncomplete,
    /// The visa, ticket or insurance item is done without its document.
    ProofMissing {
        item: Item,
    },
    /// Starting without a proof needs a reason.
    OverrideReasonRequired,
    /// A health worker of an emergency programme leaves only with a verified licence to
    /// practise (no override: it is the law of the host country, not a missing paper).
    LicenceUnverified,
    /// The report is filed through the report form, not by a bare step.
    ReportMissing,
    EvaluationMissing,
    /// A start or end day after today.
    DateInFuture,
    /// The end day before the start day.
    EndBeforeStart,
    ReasonRequired {
        to: Status,
    },
    /// Ending before the planned end needs a reason.
    EarlyEndReasonRequired,
    CommentTooLong {
        max: usize,
    },
    /// The comment holds a control character (see `passerelle_core::check_text`).
    CommentControl {
        character: char,
    },
}

impl Refusal {
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::Unchanged { .. } => "mission.unchanged",
            Refusal::NoSuchStep { .. } => "mission.no_such_step",
            Refusal::NotYours { .. } => "mission.not_yours",
            Refusal::ChecklistIncomplete => "mission.checklist_incomplete",
            Refusal::ProofMissing { .. } => "mission.proof_missing",
            Refusal::OverrideReasonRequired => "mission.override_reason_required",
            Refusal::LicenceUnverified => "mission.licence_unverified",
            Refusal::ReportMissing => "mission.report_missing",
            Refusal::EvaluationMissing => "mission.evaluation_missing",
            Refusal::DateInFuture => "mission.date_in_future",
            Refusal::EndBeforeStart => "mission.end_before_start",
            Refusal::ReasonRequired { .. } => "mission.reason_required",
            Refusal::EarlyEndReasonRequired => "mission.early_end_reason_required",
            Refusal::CommentTooLong { .. } => "mission.comment_too_long",
            Refusal::CommentControl { .. } => "mission.comment_control",
        }
    }

    pub fn message(&self) -> String {
        match self {
            Refusal::Unchanged { status } => format!("the mission is already {status}"),
            Refusal::NoSuchStep { from, to } => format!("a mission that is {from} cannot become {to}"),
            Refusal::NotYours { from, to, by } => format!(
                "a mission that is {from} becomes {to} only by {}, not by {}",
                who(MACHINE.parties(*from, *to)),
                by.words()
            ),
            Refusal::ChecklistIncomplete => {
                "the logistics checklist is not complete: every item must be done or not applicable".into()
            }
            Refusal::ProofMissing { item } => format!(
                "the {} item is done without its document: attach it, or start with an override and a reason",
                item.code()
            ),
            Refusal::OverrideReasonRequired => "starting without a proof needs a reason".into(),
            Refusal::LicenceUnverified => {
                "the expert's licence to practise is not verified (or not valid to the mission's end): a coordinator \
                 verifies it on the profile before departure"
                    .into()
            }
            Refusal::ReportMissing => "the expert's report must be filed first".into(),
            Refusal::EvaluationMissing => "the host's evaluation must be filed first".into(),
            Refusal::DateInFuture => "the day cannot be after today".into(),
            Refusal::EndBeforeStart => "the end day cannot be before the start day".into(),
            Refusal::ReasonRequired { to } => format!("a reason is required to make the mission {to}"),
            Refusal::EarlyEndReasonRequired => "ending before the planned end needs a reason".into(),
            Refusal::CommentTooLong { max } => format!("the comment must be at most {max} characters"),
            Refusal::CommentControl { character } => {
                format!("the comment must not hold control characters (U+{:04X})", u32::from(*character))
            }
        }
    }

    pub fn is_about_input(&self) -> bool {
        matches!(
            self,
            Refusal::DateInFuture
                | Refusal::EndBeforeStart
                | Refusal::ReasonRequired { .. }
                | Refusal::EarlyEndReasonRequired
                | Refusal::OverrideReasonRequired
                | Refusal::CommentTooLong { .. }
                | Refusal::CommentControl { .. }
        )
    }

    pub fn field(&self) -> &'static str {
        match self {
            Refusal::DateInFuture | Refusal::EndBeforeStart => "date",
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

fn state_guards(to: Status, context: &Context) -> Result<(), Refusal> {
    match to {
        InProgress if !context.checklist_complete => Err(Refusal::ChecklistIncomplete),
        InProgress if context.licence_missing => Err(Refusal::LicenceUnverified),
        Reported if !context.has_report => Err(Refusal::ReportMissing),
        Evaluated if !context.has_evaluation => Err(Refusal::EvaluationMissing),
        _ => Ok(()),
    }
}

pub fn transition(
    from: Status,
    to: Status,
    by: Party,
    context: &Context,
    input: &Input,
) -> Result<Transition, Refusal> {
    MACHINE.check(from, to, by, false)?;
    state_guards(to, context)?;
    let comment = input.comment.trim();
    if comment.chars().count() > MAX_COMMENT_CHARS {
        return Err(Refusal::CommentTooLong { max: MAX_COMMENT_CHARS });
    }
    if let Some(character) = passerelle_core::refused_char(comment, passerelle_core::Lines::Many) {
        return Err(Refusal::CommentControl { character });
    }
    if to == Cancelled && comment.is_empty() {
        return Err(Refusal::ReasonRequired { to });
    }
    let proof_overridden = match (to, context.proof_missing) {
        (InProgress, Some(item)) if !input.override_proof => return Err(Refusal::ProofMissing { item }),
        (InProgress, Some(_)) if comment.is_empty() => return Err(Refusal::OverrideReasonRequired),
        (InProgress, missing) => missing,
        _ => None,
    };
    let (date, early_end) = match to {
        InProgress | Completed => {
            let day = input.date.unwrap_or(context.today);
            if day > context.today {
                return Err(Refusal::DateInFuture);
            }
            if to == Completed && context.actual_start.is_some_and(|start| day < start) {
                return Err(Refusal::EndBeforeStart);
            }
            let early = to == Completed && day < context.planned.end();
            if early && comment.is_empty() {
                return Err(Refusal::EarlyEndReasonRequired);
            }
            (Some(day), early)
        }
        _ => (None, false),
    };
    Ok(Transition { from, to, by, comment: comment.to_owned(), date, early_end, proof_overridden })
}

/// The states `by` may move a mission from `from` to now, state guards included.
pub fn allowed_targets(from: Status, by: Party, context: &Context) -> Vec<Status> {
    MACHINE.targets(from, by).filter(|to| state_guards(*to, context).is_ok()).collect()
}

/// The steps `by` would take from `from` once their guards hold (to show what is next, and
/// what blocks it).
pub fn next_steps(from: Status, by: Party) -> Vec<Status> {
    MACHINE.targets(from, by).collect()
}

/// Why an extension cannot be asked for or granted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExtensionRefusal {
    /// The mission is over or cancelled.
    Closed {
        status: Status,
    },
    /// The new end is not after the current end.
    NotLater,
    ReasonRequired,
    ReasonTooLong {
        max: usize,
    },
    /// The reason holds a control character (see `passerelle_core::check_text`).
    ReasonControl {
        character: char,
    },
    /// The note of a decision holds a control character.
    NoteControl {
        character: char,
    },
}

impl ExtensionRefusal {
    pub fn code(&self) -> &'static str {
        match self {
            ExtensionRefusal::Closed { .. } => "extension.mission_closed",
            ExtensionRefusal::NotLater => "extension.not_later",
            ExtensionRefusal::ReasonRequired => "extension.reason_required",
            ExtensionRefusal::ReasonTooLong { .. } => "extension.reason_too_long",
            ExtensionRefusal::ReasonControl { .. } => "extension.reason_control",
            ExtensionRefusal::NoteControl { .. } => "extension.note_control",
        }
    }

    pub fn message(&self) -> String {
        match self {
            ExtensionRefusal::Closed { status } => format!("a mission that is {status} cannot be extended"),
            ExtensionRefusal::NotLater => "the new end must be after the current end".into(),
            ExtensionRefusal::ReasonRequired => "an extension needs a reason".into(),
            ExtensionRefusal::ReasonTooLong { max } => format!("the reason must be at most {max} characters"),
            ExtensionRefusal::ReasonControl { character } => {
                format!("the reason must not hold control characters (U+{:04X})", u32::from(*character))
            }
            ExtensionRefusal::NoteControl { character } => {
                format!("the note must not hold control characters (U+{:04X})", u32::from(*character))
            }
        }
    }

    pub fn is_about_input(&self) -> bool {
        !matches!(self, ExtensionRefusal::Closed { .. })
    }

    pub fn field(&self) -> &'static str {
        match self {
            ExtensionRefusal::NotLater => "ends_on",
            ExtensionRefusal::NoteControl { .. } => "note",
            _ => "reason",
        }
    }
}

/// Checks the note of a decision on an extension.
pub fn decision_note(note: &str) -> Result<(), ExtensionRefusal> {
    match passerelle_core::refused_char(note, passerelle_core::Lines::Many) {
        Some(character) => Err(ExtensionRefusal::NoteControl { character }),
        None => Ok(()),
    }
}

/// Checks an extension of a mission that is `status` and ends on `current_end` to `new_end`.
pub fn extension(status: Status, current_end: Date, new_end: Date, reason: &str) -> Result<(), ExtensionRefusal> {
    if !status.dates_open() {
        return Err(ExtensionRefusal::Closed { status });
    }
    if new_end <= current_end {
        return Err(ExtensionRefusal::NotLater);
    }
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(ExtensionRefusal::ReasonRequired);
    }
    if reason.chars().count() > MAX_COMMENT_CHARS {
        return Err(ExtensionRefusal::ReasonTooLong { max: MAX_COMMENT_CHARS });
    }
    if let Some(character) = passerelle_core::refused_char(reason, passerelle_core::Lines::Many) {
        return Err(ExtensionRefusal::ReasonControl { character });
    }
    Ok(())
}

#[cfg(test)]
#[path = "machine_tests.rs"]
mod tests;
