//! What the audit log records, in the reader's words: the history of a request, a candidacy
//! or a mission, and the audit log page. Each action reads as a short sentence ("Invited",
//! "Account created"), and its detail without codes (`in_progress -> completed (2027-03-15,
//! early): why` → `15 March 2027 — ended early — why`). The log itself keeps the machine's
//! record; only what people read is translated here.

use crate::page::PageContext;
use crate::{AppError, AppState, i18n};
use passerelle_accounts::users;
use passerelle_core::{DateRange, Timestamp, UserId, parse_date};
use std::collections::HashMap;

/// One entry of a history, ready to read.
pub struct HistoryLine {
    pub at: String,
    pub who: String,
    pub what: String,
    pub detail: String,
}

/// The history of the record `kind`/`id` (request, candidate, mission), oldest first.
pub(crate) async fn of(
    state: &AppState,
    page: &PageContext,
    kind: &str,
    id: &str,
) -> Result<Vec<HistoryLine>, AppError> {
    let entries = passerelle_accounts::audit::history(&state.db, kind, id).await?;
    let names = names_of(state, entries.iter().filter_map(|e| e.actor_id)).await?;
    Ok(entries
        .into_iter()
        .map(|e| HistoryLine {
            at: page.moment(&e.at),
            who: who(page, &names, e.actor_id, &e.actor_label),
            what: action_label(page, &e.action),
            detail: detail(page, &e.action, &e.detail),
        })
        .collect())
}

/// The names of the people who acted, by account.
pub(crate) async fn names_of(
    state: &AppState,
    ids: impl Iterator<Item = UserId>,
) -> Result<HashMap<UserId, String>, AppError> {
    let mut names = HashMap::new();
    for id in ids {
        if let std::collections::hash_map::Entry::Vacant(slot) = names.entry(id)
            && let Some(user) = users::by_id(&state.db, id).await?
        {
            slot.insert(user.name);
        }
    }
    Ok(names)
}

/// Who acted: their name, the label kept in the log (an erased person's), or the platform.
pub(crate) fn who(page: &PageContext, names: &HashMap<UserId, String>, id: Option<UserId>, label: &str) -> String {
    match id {
        Some(id) => names.get(&id).cloned().unwrap_or_else(|| label.to_owned()),
        None if label.is_empty() || label == "cli" => page.t("request-by-system"),
        None if label == passerelle_accounts::audit::ERASED => page.t("history-erased-person"),
        None => label.to_owned(),
    }
}

/// What an action did, in a few words: `candidate.invite` → "Invited".
pub fn action_label(page: &PageContext, action: &str) -> String {
    let key = format!("history-{}", action.replace('.', "-"));
    i18n::lookup(page.locale, &key).unwrap_or_else(|| page.t1("history-other", "action", action))
}

/// What a record of the log is about, in words, with a link to its page when it has one.
pub fn target(page: &PageContext, kind: &str, id: &str) -> (String, Option<String>) {
    let label = i18n::lookup(page.locale, &format!("history-target-{kind}")).unwrap_or_else(|| kind.to_owned());
    let link = match kind {
        "request" => Some(format!("/requests/{id}")),
        "candidate" => Some(format!("/candidates/{id}")),
        "mission" => Some(format!("/missions/{id}")),
        "institution" => Some(format!("/institutions/{id}")),
        "programme" => Some(format!("/programmes/{id}")),
        "expert" => Some(format!("/experts/{id}")),
        "call" => Some(format!("/calls/{id}")),
        "user" => Some(format!("/admin/users/{id}")),
        _ => None,
    };
    (label, link.filter(|_| !id.is_empty()))
}

/// The detail of an entry in the reader's words; what is not a code (a comment, a name) stays
/// as it was written.
pub fn detail(page: &PageContext, action: &str, detail: &str) -> String {
    let day = |text: &str| parse_date(text.trim()).map_or_else(|_| text.trim().to_owned(), |d| page.date(d));
    let with_note = |text: String, note: &str| if note.is_empty() { text } else { format!("{text} — {note}") };
    match action {
        "mission.checklist" => return checklist(page, detail),
        "consent.share" => {
            let until = detail.rsplit_once(" until ").and_then(|(_, at)| Timestamp::parse(at).ok());
            return until.map_or_else(String::new, |at| page.t1("history-until", "date", page.date(at.date())));
        }
        // The version of a consent text, the title at creation, a system's reason the label
        // already says: nothing more to read.
        "consent.withdraw" | "consent.grant" | "request.create" | "request.reopen" | "membership.approve"
        | "membership.remove" => return String::new(),
        "request.edit" => {
            let changed = detail.split_once(": ").map_or(detail, |(_, fields)| fields);
            let labels: Vec<String> = changed.split(", ").map(|f| request_field(page, f)).collect();
            return page.t1("request-history-changed", "fields", labels.join(", "));
        }
        "mission.report_file" => {
            let numbers: Vec<u32> =
                detail.split(|c: char| !c.is_ascii_digit()).filter_map(|n| n.parse().ok()).collect();
            if let [trained, reached] = numbers[..] {
                return page.t2("report-people-caption", "trained", trained, "reached", reached);
            }
        }
        "mission.evaluation_file" => {
            if let Some(rating) = detail.strip_prefix("average ").and_then(|r| r.parse::<f64>().ok()) {
                return page.t1("evaluation-average", "rating", page.decimal(rating, 1));
            }
        }
        "mission.extension_request" | "mission.extension_approve" | "mission.extension_refuse" => {
            if let Some(rest) = detail.strip_prefix("until ") {
                let (on, note) = rest.split_once(": ").unwrap_or((rest, ""));
                return with_note(page.t1("history-until", "date", day(on)), note);
            }
        }
        "mission.schedule" => {
            let (days, phases) = detail.split_once(": ").unwrap_or((detail, ""));
            let mut parts = vec![range(page, days)];
            for phase in phases.split(", ").filter(|p| !p.is_empty()) {
                let (kind, days) = phase.split_once(' ').unwrap_or((phase, ""));
                let kind = i18n::lookup(page.locale, &format!("phase-kind-{kind}")).unwrap_or_else(|| kind.to_owned());
                parts.push(format!("{kind} {}", range(page, days)));
            }
            return parts.join(" · ");
        }
        "call.send" => {
            if let Some((_, count)) = detail.rsplit_once(": ")
                && let Some(n) = count.strip_suffix(" experts").and_then(|n| n.parse::<u32>().ok())
            {
                return page.t1("history-call-recipients", "count", n);
            }
        }
        "call.answer" => return page.t(&format!("call-answer-{detail}")),
        "mission.cost_add" | "mission.cost_remove" => {
            if let Some((category, quantity, unit, currency)) = passerelle_missions::costs::parse_detail(detail) {
                let label = crate::words::category_label(page, category);
                return format!("{label} — {quantity} × {}", page.money(unit.cents(), currency));
            }
        }
        "institution.verify" => {
            let (status, note) = detail.split_once(": ").unwrap_or((detail, ""));
            return with_note(page.t(&format!("institution-verification-{status}")), note);
        }
        "programme.edit" => {
            if let Some((code, status)) = detail.strip_suffix(')').and_then(|d| d.rsplit_once(" (")) {
                return format!("{code} — {}", page.t(&format!("programme-status-{status}")));
            }
        }
        "role.change" => {
            if let Some((from, to)) = detail.split_once(" -> ") {
                return page.t2("history-role-from-to", "from", role(page, from), "to", role(page, to));
            }
        }
        "account.create" | "account.signup" => return role(page, detail),
        "credential.verify" => {
            if let Some((_, status)) = detail.rsplit_once(": ") {
                return page.t(&format!("credential-status-{status}"));
            }
        }
        "notification.settings" => return page.t(&format!("notifications-delivery-{}", detail.replace('_', "-"))),
        "profile.edit" => {
            return i18n::lookup(page.locale, &format!("profile-section-{detail}"))
                .unwrap_or_else(|| detail.to_owned());
        }
        "login.throttled" => {
            if let Some(seconds) = number_before(detail, " s") {
                return page.t1("history-blocked-for", "seconds", seconds);
            }
        }
        "login.throttle_ended" => {
            if let Some(count) = number_before(detail, " attempts") {
                return page.t1("history-block-refused", "count", count);
            }
        }
        _ => {}
    }
    let Some((_, after)) = detail.split_once("-> ") else { return detail.to_owned() };
    transition(page, after)
}

/// A step's extras and comment: `invited (reply by 2027-02-08): thanks` → `Answer by 8
/// February 2027 — thanks`.
fn transition(page: &PageContext, after: &str) -> String {
    let day = |text: &str| parse_date(text.trim()).map_or_else(|_| text.trim().to_owned(), |d| page.date(d));
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
                None if other.contains('/') => parts.push(range(page, other)),
                None => parts.push(day(other)),
            },
        }
    }
    if !comment.is_empty() {
        parts.push(comment.to_owned());
    }
    parts.join(" — ")
}

/// A checklist item's change: `visa: done (2027-02-01): obtained` → `Visa: done (1 February
/// 2027) — obtained`.
fn checklist(page: &PageContext, detail: &str) -> String {
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
    if let Ok(on) = parse_date(on) {
        text.push_str(&format!(" ({})", page.date(on)));
    }
    if !note.is_empty() {
        text.push_str(&format!(" — {note}"));
    }
    text
}

/// `2027-03-01/2027-03-20` → "from 1 March 2027 to 20 March 2027".
fn range(page: &PageContext, text: &str) -> String {
    DateRange::parse(text.trim()).map_or_else(
        |_| text.to_owned(),
        |r| page.t2("mission-days", "start", page.date(r.start()), "end", page.date(r.end())),
    )
}

fn role(page: &PageContext, code: &str) -> String {
    i18n::lookup(page.locale, &format!("role-{code}")).unwrap_or_else(|| code.to_owned())
}

/// The label of a field of the request form.
fn request_field(page: &PageContext, field: &str) -> String {
    let key = format!("request-field-{}", field.replace('_', "-"));
    i18n::lookup(page.locale, &key).unwrap_or_else(|| field.to_owned())
}

/// The number just before `unit` in `text`: ("account blocked for 30 s", " s") → 30.
fn number_before(text: &str, unit: &str) -> Option<u64> {
    text.strip_suffix(unit)?.rsplit(' ').next()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use passerelle_core::Locale;

    fn page(locale: Locale) -> PageContext {
        PageContext { locale, path: "/".into(), user: None, csrf: String::new() }
    }

    /// Every action the platform records, with a detail of the form it records.
    const RECORDED: &[(&str, &str)] = &[
        ("account.signup", "expert"),
        ("account.create", "coordinator"),
        ("account.disable", ""),
        ("account.enable", ""),
        ("account.settings", ""),
        ("login.success", ""),
        ("login.failure", ""),
        ("login.throttled", "account blocked for 30 s"),
        ("login.throttle_ended", "address block refused 12 attempts"),
        ("logout", ""),
        ("session.end", ""),
        ("password.change", ""),
        ("password.reset_request", ""),
        ("password.reset", ""),
        ("email.verify", ""),
        ("role.change", "expert -> coordinator"),
        ("token.create", "my script"),
        ("token.revoke", ""),
        ("membership.approve", "institution 0190"),
        ("membership.remove", "institution 0190"),
        ("profile.create", ""),
        ("profile.edit", "skills"),
        ("profile.suggestion.confirm", "intensive care medicine"),
        ("profile.suggestion.dismiss", "general surgery"),
        ("profile.erase", ""),
        ("profile.export", ""),
        ("consent.grant", "2026-01"),
        ("consent.withdraw", "2026-01"),
        ("consent.share", "profile shared with IPRC Kigali until 2027-06-09T00:00:00.000000Z"),
        ("credential.verify", "credential 0190: verified"),
        ("notification.settings", "in_app"),
        ("request.create", "Solar PV training"),
        ("request.edit", "changes_requested: deliverables, skills"),
        ("request.submit", "draft -> submitted"),
        ("request.request_changes", "submitted -> changes_requested: add the trainers"),
        ("request.approve", "submitted -> approved"),
        ("request.staff", "approved -> staffed"),
        ("request.close", "staffed -> closed: done"),
        ("request.cancel", "approved -> cancelled: no budget"),
        ("request.reopen", "staffed -> approved: a mission was cancelled"),
        ("candidate.shortlist", "-> shortlisted (from search)"),
        ("candidate.invite", "shortlisted -> invited (reply by 2027-02-08)"),
        ("candidate.accept", "invited -> accepted"),
        ("candidate.decline", "invited -> declined: exams"),
        ("candidate.expire", "invited -> expired"),
        ("candidate.propose", "accepted -> proposed"),
        ("candidate.host_approve", "proposed -> host_approved"),
        ("candidate.host_decline", "proposed -> host_declined: French speaker wanted"),
        ("candidate.select", "host_approved -> selected"),
        ("candidate.withdraw", "shortlisted -> withdrawn: dates"),
        ("mission.create", "-> planned (2027-03-01/2027-03-20)"),
        ("mission.approve", "planned -> approved"),
        ("mission.prepare", "approved -> preparing"),
        ("mission.start", "preparing -> in_progress (2027-03-02)"),
        ("mission.complete", "in_progress -> completed (2027-03-15, early): exams"),
        ("mission.report", "completed -> reported"),
        ("mission.evaluate", "reported -> evaluated"),
        ("mission.close", "evaluated -> closed"),
        ("mission.cancel", "planned -> cancelled: visa refused"),
        ("mission.checklist", "visa: done (2027-02-01): obtained in Brussels"),
        ("mission.checklist", "travel: not_applicable"),
        ("mission.schedule", "2027-03-01/2027-03-20: on_site 2027-03-01/2027-03-10, remote 2027-03-11/2027-03-20"),
        ("mission.extension_request", "until 2027-03-28: two more weeks"),
        ("mission.extension_approve", "until 2027-03-28"),
        ("mission.extension_refuse", "until 2027-03-28: no budget"),
        ("mission.report_file", "11 trained, 206 reached"),
        ("mission.evaluation_file", "average 4.6"),
        ("mission.cost_add", "per_diem 12 x 95.50 EUR"),
        ("mission.cost_remove", "travel 1 x 820.00 EUR"),
        ("institution.create", "IPRC Kigali"),
        ("institution.edit", "IPRC Kigali"),
        ("institution.verify", "verified: checked with the partner"),
        ("programme.create", "TVET-TOT"),
        ("programme.edit", "MIDA-GL-2012 (closed)"),
        ("call.create", ""),
        ("call.send", "Cholera response: 9 experts"),
        ("call.answer", "not_available"),
        ("call.close", ""),
        ("search.save", "Health professionals"),
        ("search.delete", ""),
        ("export.roster", ""),
        ("export.requests", ""),
        ("export.missions", ""),
    ];

    /// Whether `text` holds a day as the machine writes it (`2027-03-01`).
    fn has_iso_day(text: &str) -> bool {
        text.as_bytes()
            .windows(10)
            .any(|w| w.iter().enumerate().all(|(i, b)| if i == 4 || i == 7 { *b == b'-' } else { b.is_ascii_digit() }))
    }

    #[test]
    fn every_recorded_action_reads_as_words_in_both_languages() {
        for locale in Locale::ALL {
            let page = page(locale);
            for (action, recorded) in RECORDED {
                let key = format!("history-{}", action.replace('.', "-"));
                assert!(i18n::lookup(locale, &key).is_some(), "{locale}: no words for {action}");
                let text = detail(&page, action, recorded);
                assert!(!text.contains("->") && !has_iso_day(&text), "{locale} {action}: {text}");
                let code = text.split(|c: char| !c.is_alphanumeric() && c != '_').find(|w| w.contains('_'));
                assert!(code.is_none(), "{locale} {action}: a code in {text}");
                if locale == Locale::Fr {
                    for english in ["trained", "reached", "average", "until", "blocked", "attempts", "expert ->"] {
                        assert!(!text.contains(english), "{action}: {text}");
                    }
                }
            }
        }
    }

    #[test]
    fn details_are_written_the_way_the_reader_writes() {
        let fr = page(Locale::Fr);
        assert_eq!(
            detail(&fr, "mission.report_file", "25 trained, 42 reached"),
            "25 personnes formées, 42 atteintes par leur intermédiaire"
        );
        assert_eq!(detail(&fr, "mission.evaluation_file", "average 4.9"), "Note moyenne : 4,9/5");
        assert_eq!(
            detail(&fr, "mission.cost_add", "per_diem 12 x 95.50 EUR"),
            "Indemnités journalières — 12 × 95,50\u{a0}EUR"
        );
        assert_eq!(
            detail(&fr, "mission.extension_request", "until 2027-02-11: two weeks"),
            "jusqu'au 11 février 2027 — two weeks"
        );
        assert_eq!(detail(&fr, "role.change", "expert -> coordinator"), "Expert·e de la diaspora → Coordinateur·rice");
        assert_eq!(detail(&fr, "call.send", "Cholera response: doctors: 9 experts"), "envoyé à 9 experts");
        assert_eq!(detail(&fr, "call.send", "Cholera: 1 experts"), "envoyé à un expert");
        assert_eq!(detail(&fr, "login.throttled", "account blocked for 1 s"), "bloqué pendant une seconde");
        assert_eq!(action_label(&fr, "account.create"), "Compte créé");
        assert_eq!(action_label(&fr, "some.new_thing"), "Autre action (some.new_thing)");
        let (label, link) = target(&fr, "user", "0190");
        assert_eq!((label.as_str(), link.as_deref()), ("Compte", Some("/admin/users/0190")));
    }
}
