//! The pipeline in words, in the reader's language: statuses and their badges, the buttons of
//! each step, refusals, notifications.

use crate::i18n;
use crate::page::PageContext;
use passerelle_core::{Locale, parse_date};
use passerelle_missions::candidates::{self, Status as CandidateStatus};
use passerelle_missions::lifecycle::{self, Status as MissionStatus};
use passerelle_missions::notifications::Notification;

pub fn candidate_status(page: &PageContext, status: CandidateStatus) -> String {
    page.t(&format!("candidate-status-{}", status.code()))
}

pub fn candidate_class(status: CandidateStatus) -> &'static str {
    match status {
        CandidateStatus::Shortlisted | CandidateStatus::Expired | CandidateStatus::Withdrawn => "",
        CandidateStatus::Invited | CandidateStatus::Proposed => "warn",
        CandidateStatus::Accepted | CandidateStatus::HostApproved | CandidateStatus::Selected => "ok",
        CandidateStatus::Declined | CandidateStatus::HostDeclined => "error",
    }
}

pub fn mission_status(page: &PageContext, status: MissionStatus) -> String {
    page.t(&format!("mission-status-{}", status.code()))
}

pub fn mission_class(status: MissionStatus) -> &'static str {
    match status {
        MissionStatus::Planned | MissionStatus::Closed => "",
        MissionStatus::Approved | MissionStatus::Preparing | MissionStatus::Completed => "warn",
        MissionStatus::InProgress | MissionStatus::Reported | MissionStatus::Evaluated => "ok",
        MissionStatus::Cancelled => "error",
    }
}

/// A button of a candidate's step: (target code, label, whether a reason is needed).
pub fn candidate_action(page: &PageContext, to: CandidateStatus) -> (&'static str, String, bool) {
    (to.code(), page.t(&format!("candidate-action-{}", to.code())), candidates::pipeline::reason_required(to))
}

/// A button of a mission's step: (target code, label, class).
pub fn mission_action(page: &PageContext, to: MissionStatus) -> (&'static str, String, &'static str) {
    let class = match to {
        MissionStatus::Cancelled => "danger",
        _ => "",
    };
    (to.code(), page.t(&format!("mission-action-{}", to.code())), class)
}

pub fn candidate_refusal(page: &PageContext, refusal: &candidates::Refusal) -> String {
    use candidates::Refusal as R;
    let status = |s: CandidateStatus| candidate_status(page, s);
    let args: Vec<(&str, String)> = match refusal {
        R::Unchanged { status: s } => vec![("status", status(*s))],
        R::NoSuchStep { from, to } | R::NotYours { from, to, .. } => vec![("from", status(*from)), ("to", status(*to))],
        R::ReasonTooLong { max } => vec![("max", max.to_string())],
        R::ReplyByOutOfRange { max_days } => vec![("days", max_days.to_string())],
        _ => vec![],
    };
    let key = format!("candidate-refusal-{}", refusal.code().trim_start_matches("candidate."));
    i18n::text_with(page.locale, &key, &args)
}

pub fn mission_refusal(page: &PageContext, refusal: &lifecycle::Refusal) -> String {
    use lifecycle::Refusal as R;
    let status = |s: MissionStatus| mission_status(page, s);
    let args: Vec<(&str, String)> = match refusal {
        R::Unchanged { status: s } => vec![("status", status(*s))],
        R::NoSuchStep { from, to } | R::NotYours { from, to, .. } => vec![("from", status(*from)), ("to", status(*to))],
        R::CommentTooLong { max } => vec![("max", max.to_string())],
        _ => vec![],
    };
    let key = format!("mission-refusal-{}", refusal.code().trim_start_matches("mission."));
    i18n::text_with(page.locale, &key, &args)
}

/// Why a change of a mission was refused, in words.
pub fn mission_change_error(page: &PageContext, error: &lifecycle::ChangeError) -> String {
    match error {
        lifecycle::ChangeError::Refused(refusal) => mission_refusal(page, refusal),
        lifecycle::ChangeError::Extension(refusal) => {
            page.t(&format!("extension-refusal-{}", refusal.code().trim_start_matches("extension.")))
        }
        lifecycle::ChangeError::Booked => page.t("mission-refusal-booked"),
        lifecycle::ChangeError::NotNow { status } => {
            page.t1("mission-refusal-not-now", "status", mission_status(page, *status))
        }
        lifecycle::ChangeError::ExtensionPending => page.t("extension-refusal-pending"),
        lifecycle::ChangeError::NoPendingExtension => page.t("extension-refusal-none-pending"),
        other => other.to_string(),
    }
}

/// A notification in words: what happened, with the request's title and the detail (a day is
/// written in the reader's way, a status in words).
pub fn notification(locale: Locale, kind: &str, title: &str, detail: &str) -> String {
    let detail = match parse_date(detail) {
        Ok(day) => crate::format::date(locale, day),
        Err(_) => match MissionStatus::parse(detail) {
            Ok(status) => i18n::text(locale, &format!("mission-status-{}", status.code())),
            Err(_) => match detail {
                "approved" | "refused" => i18n::text(locale, &format!("extension-decision-{detail}")),
                other => other.to_owned(),
            },
        },
    };
    i18n::text_with(locale, &format!("notification-{kind}"), &[("title", title.to_owned()), ("detail", detail)])
}

/// The detail of a history entry in the reader's words: a step's days and comment without
/// its codes (`in_progress -> completed (2027-03-15, early): why` → `15 March 2027 — why`), a
/// checklist item in words; anything else as recorded.
pub fn history_detail(page: &PageContext, action: &str, detail: &str) -> String {
    let day = |text: &str| parse_date(text.trim()).map_or_else(|_| text.trim().to_owned(), |d| page.date(d));
    if action == "mission.checklist" {
        let (item, rest) = detail.split_once(": ").unwrap_or((detail, ""));
        let (state, on, note) = match rest.split_once(" (") {
            Some((state, tail)) => {
                let (on, after) = tail.split_once(')').unwrap_or((tail, ""));
                (state, on, after.strip_prefix(": ").unwrap_or(""))
            }
            None => {
                let (state, note) = rest.split_once(": ").unwrap_or((rest, ""));
                (state, "", note)
            }
        };
        let mut text = page.t2(
            "history-checklist",
            "item",
            page.t(&format!("checklist-item-{item}")),
            "state",
            page.t(&format!("checklist-state-{state}")),
        );
        if !on.is_empty() {
            text.push_str(&format!(" ({})", day(on)));
        }
        if !note.is_empty() {
            text.push_str(&format!(" — {note}"));
        }
        return text;
    }
    match action {
        "consent.share" => {
            let until = detail.rsplit_once(" until ").and_then(|(_, at)| passerelle_core::Timestamp::parse(at).ok());
            return until.map_or_else(String::new, |at| page.t1("history-shared-until", "date", page.date(at.date())));
        }
        "consent.withdraw" => return String::new(),
        _ => {}
    }
    let Some((_, after)) = detail.split_once("-> ") else { return detail.to_owned() };
    let (step, comment) = after.split_once(": ").unwrap_or((after, ""));
    let extra = step.split_once(" (").map(|(_, e)| e.trim_end_matches(')')).unwrap_or("");
    let mut parts = Vec::new();
    for piece in extra.split(", ").filter(|p| !p.is_empty()) {
        match piece {
            "early" => parts.push(page.t("history-early")),
            other if other.starts_with("from ") => {
                parts.push(page.t(&format!("history-from-{}", other.trim_start_matches("from "))));
            }
            other => match other.strip_prefix("reply by ") {
                Some(d) => parts.push(page.t1("candidate-answer-by", "date", day(d))),
                None if other.contains('/') => parts.push(passerelle_core::DateRange::parse(other).map_or_else(
                    |_| other.to_owned(),
                    |r| page.t2("mission-days", "start", page.date(r.start()), "end", page.date(r.end())),
                )),
                None => parts.push(day(other)),
            },
        }
    }
    if !comment.is_empty() {
        parts.push(comment.to_owned());
    }
    parts.join(" — ")
}

/// Where a notification leads its reader.
pub fn notification_link(item_kind: &str, subject: &str, reader_is_expert: bool) -> String {
    match item_kind {
        "candidate" if reader_is_expert => format!("/invitations/{subject}"),
        "candidate" => format!("/candidates/{subject}"),
        "mission" => format!("/missions/{subject}"),
        "request" => format!("/requests/{subject}"),
        "institution" => format!("/institutions/{subject}"),
        _ => format!("/calls/{subject}"),
    }
}

/// The words of an inbox line.
pub fn inbox_line(page: &PageContext, item: &Notification) -> String {
    notification(page.locale, &item.kind, &item.title, &item.detail)
}

#[cfg(test)]
mod tests {
    use super::*;
    use passerelle_missions::notifications::kinds;

    fn page(locale: Locale) -> PageContext {
        PageContext { locale, path: "/".into(), user: None, csrf: String::new() }
    }

    fn translated(text: &str) {
        assert!(!text.contains('{') && !text.contains("-status-") && !text.contains("refusal-"), "{text}");
    }

    #[test]
    fn every_status_step_refusal_and_notification_has_words() {
        for locale in Locale::ALL {
            let page = page(locale);
            for &status in CandidateStatus::ALL {
                translated(&candidate_status(&page, status));
                let (_, label, _) = candidate_action(&page, status);
                assert!(!label.starts_with("candidate-action"), "{label}");
            }
            for &status in MissionStatus::ALL {
                translated(&mission_status(&page, status));
                let (_, label, _) = mission_action(&page, status);
                assert!(!label.starts_with("mission-action"), "{label}");
            }
            use candidates::Refusal as C;
            for refusal in [
                C::Unchanged { status: CandidateStatus::Invited },
                C::NoSuchStep { from: CandidateStatus::Invited, to: CandidateStatus::Selected },
                C::NotYours {
                    from: CandidateStatus::Invited,
                    to: CandidateStatus::Accepted,
                    by: passerelle_missions::Party::Staff,
                },
                C::RequestNotOpen,
                C::NoFreePosition,
                C::ExpertBooked,
                C::DeadlinePassed,
                C::ReasonRequired { to: CandidateStatus::Declined },
                C::ReasonTooLong { max: 900 },
                C::ReasonControl { character: '\0' },
                C::ReplyByRequired,
                C::ReplyByOutOfRange { max_days: 60 },
            ] {
                translated(&candidate_refusal(&page, &refusal));
            }
            use lifecycle::Refusal as M;
            for refusal in [
                M::Unchanged { status: MissionStatus::Planned },
                M::NoSuchStep { from: MissionStatus::Planned, to: MissionStatus::Closed },
                M::NotYours {
                    from: MissionStatus::Planned,
                    to: MissionStatus::Approved,
                    by: passerelle_missions::Party::Host,
                },
                M::ChecklistIncomplete,
                M::ReportMissing,
                M::EvaluationMissing,
                M::DateInFuture,
                M::EndBeforeStart,
                M::ReasonRequired { to: MissionStatus::Cancelled },
                M::EarlyEndReasonRequired,
                M::CommentTooLong { max: 900 },
                M::CommentControl { character: '\u{202e}' },
            ] {
                translated(&mission_refusal(&page, &refusal));
            }
            use lifecycle::{ChangeError as E, ExtensionRefusal as X};
            for error in [
                E::Extension(X::Closed { status: MissionStatus::Closed }),
                E::Extension(X::NotLater),
                E::Extension(X::ReasonRequired),
                E::Extension(X::ReasonTooLong { max: 900 }),
                E::Extension(X::ReasonControl { character: '\u{7}' }),
                E::Extension(X::NoteControl { character: '\u{7}' }),
                E::Booked,
                E::NotNow { status: MissionStatus::Closed },
                E::ExtensionPending,
                E::NoPendingExtension,
            ] {
                translated(&mission_change_error(&page, &error));
            }
            for kind in kinds::ALL {
                let text = notification(locale, kind, "Solar PV", "2027-03-01");
                assert!(!text.starts_with("notification-"), "{kind} in {locale}");
                translated(&text);
            }
            assert!(notification(locale, kinds::MISSION_STATUS, "x", "in_progress").len() > 5);
            for (action, detail) in [
                ("mission.checklist", "visa: done (2027-02-01): obtained in Brussels"),
                ("mission.checklist", "travel: not_applicable"),
                ("mission.complete", "in_progress -> completed (2027-03-15, early): exams"),
                ("candidate.invite", "shortlisted -> invited (reply by 2027-02-08)"),
                ("candidate.shortlist", "-> shortlisted (from search)"),
                ("mission.create", "-> planned (2027-03-01/2027-03-20)"),
                ("consent.share", "profile shared with IPRC Kigali until 2027-06-09T00:00:00.000000Z"),
            ] {
                let text = history_detail(&page, action, detail);
                translated(&text);
                assert!(!text.contains("->") && !text.contains("checklist-") && !text.contains("history-"), "{text}");
            }
        }
    }
}
