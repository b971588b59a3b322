//! What a document is, what it belongs to, and the checks of an upload (pure).

use crate::codes::{code_enum, field_problem};
use passerelle_core::{CandidateId, DocumentId, ExpertId, FieldError, MissionId, RequestId, Timestamp, UserId};
use passerelle_files::ContentHash;

code_enum! {
    /// What kind of record a document belongs to.
    pub enum OwnerKind ("a kind of record", "document.owner_unknown") {
        Request => "request",
        Mission => "mission",
        Candidate => "candidate",
        Expert => "expert",
        Message => "message",
    }
}

/// The record a document belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    Request(RequestId),
    Mission(MissionId),
    Candidate(CandidateId),
    Expert(ExpertId),
    Message(i64),
}

impl Owner {
    pub fn kind(self) -> OwnerKind {
        match self {
            Owner::Request(_) => OwnerKind::Request,
            Owner::Mission(_) => OwnerKind::Mission,
            Owner::Candidate(_) => OwnerKind::Candidate,
            Owner::Expert(_) => OwnerKind::Expert,
            Owner::Message(_) => OwnerKind::Message,
        }
    }

    /// Its column in `documents`.
    pub(crate) fn column(self) -> &'static str {
        match self {
            Owner::Request(_) => "request_id",
            Owner::Mission(_) => "mission_id",
            Owner::Candidate(_) => "candidate_id",
            Owner::Expert(_) => "expert_id",
            Owner::Message(_) => "message_id",
        }
    }

    pub fn id(self) -> String {
        match self {
            Owner::Request(id) => id.to_string(),
            Owner::Mission(id) => id.to_string(),
            Owner::Candidate(id) => id.to_string(),
            Owner::Expert(id) => id.to_string(),
            Owner::Message(id) => id.to_string(),
        }
    }
}

code_enum! {
    /// What a document is.
    pub enum Category ("a document category", "document.category_unknown") {
        TermsOfReference => "terms_of_reference",
        Annex => "annex",
        Cv => "cv",
        Diploma => "diploma",
        Licence => "licence",
        Visa => "visa",
        Ticket => "ticket",
        Insurance => "insurance",
        PerDiemReceipt => "per_diem_receipt",
        ReportAnnex => "report_annex",
        Photo => "photo",
        Attachment => "attachment",
        Other => "other",
    }
}

impl Category {
    /// The categories a record of `kind` takes, the usual one first.
    pub fn for_owner(kind: OwnerKind) -> &'static [Category] {
        use Category::*;
        match kind {
            OwnerKind::Request => &[TermsOfReference, Annex, Other],
            OwnerKind::Mission => &[Visa, Ticket, Insurance, PerDiemReceipt, ReportAnnex, Photo, Annex, Other],
            OwnerKind::Candidate | OwnerKind::Expert => &[Cv, Diploma, Licence, Other],
            OwnerKind::Message => &[Attachment],
        }
    }

    /// Papers about the expert's own person and travel: audited when read, and erased with the
    /// expert wherever they are attached.
    pub fn is_personal(self) -> bool {
        matches!(self, Category::Visa | Category::Ticket | Category::Insurance | Category::PerDiemReceipt)
    }

    /// The categories that prove a credential of the profile.
    pub fn proves_credentials(self) -> bool {
        matches!(self, Category::Diploma | Category::Licence)
    }
}

code_enum! {
    /// Where the virus scan of a document's content stands.
    pub enum Scan ("a scan state", "document.scan_unknown") {
        /// Stored when no scanner was configured.
        Unscanned => "unscanned",
        /// Waits for clamd: not downloadable yet.
        Pending => "pending",
        Clean => "clean",
        /// clamd found something: the content was removed from the store.
        Infected => "infected",
    }
}

/// A document, as its pages and the API show it.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub id: DocumentId,
    pub owner: Owner,
    pub category: Category,
    /// The name it was sent under.
    pub name: String,
    pub hash: ContentHash,
    pub size: u64,
    pub media_type: String,
    /// Seen by coordinators only.
    pub private: bool,
    /// The credential of the profile it proves.
    pub credential: Option<String>,
    pub uploaded_by: Option<UserId>,
    /// The uploader's name (`None` once their account is gone).
    pub uploader_name: Option<String>,
    pub uploaded_at: Timestamp,
    pub replaced_at: Option<Timestamp>,
    pub scan: Scan,
}

impl Document {
    /// Whether its content may be downloaded: stored, and clean or stored without a scanner.
    pub fn available(&self) -> bool {
        matches!(self.scan, Scan::Unscanned | Scan::Clean)
    }

    /// Whether reading it is worth an audit entry: private to coordinators, about the
    /// expert's person (visa, ticket…), or part of a profile or a candidacy.
    pub fn is_sensitive(&self) -> bool {
        self.private
            || self.category.is_personal()
            || matches!(self.owner.kind(), OwnerKind::Expert | OwnerKind::Candidate)
    }
}

/// What accompanies a file, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UploadInput {
    pub category: String,
    /// `on`, `true`…: private to coordinators.
    pub private: bool,
    /// The id of a credential of the profile.
    pub credential: String,
}

/// The longest credential id taken (ids are short; this bounds what is read).
pub const MAX_CREDENTIAL_CHARS: usize = 64;

/// Checks what accompanies a file for a record of `kind`: its category (the record's usual one
/// when none is given), `private` (coordinators only, mission documents only), and a credential
/// (profile documents that prove one, among `credentials`).
pub fn check_upload(
    kind: OwnerKind,
    input: &UploadInput,
    staff: bool,
    credentials: &[String],
) -> Result<(Category, bool, Option<String>), Vec<FieldError>> {
    let mut problems = Vec::new();
    let allowed = Category::for_owner(kind);
    let category = match input.category.trim() {
        "" => Some(allowed[0]),
        text => match Category::parse(text) {
            Ok(category) if allowed.contains(&category) => Some(category),
            Ok(category) => {
                let codes: Vec<&str> = allowed.iter().map(|c| c.code()).collect();
                problems.push(FieldError::new(
                    "category",
                    "document.category_not_here",
                    format!("{category} is not a category of {kind} documents ({})", codes.join(", ")),
                ));
                None
            }
            Err(error) => {
                problems.push(field_problem("document", "category", &error));
                None
            }
        },
    };
    if input.private && !(staff && kind == OwnerKind::Mission) {
        problems.push(FieldError::new(
            "private",
            "document.private_not_allowed",
            "only coordinators mark mission documents private",
        ));
    }
    let credential = input.credential.trim();
    let credential = if credential.is_empty() {
        None
    } else if credential.chars().count() > MAX_CREDENTIAL_CHARS {
        problems.push(FieldError::too_long("credential", MAX_CREDENTIAL_CHARS));
        None
    } else if kind != OwnerKind::Expert || !category.is_some_and(Category::proves_credentials) {
        problems.push(FieldError::new(
            "credential",
            "document.credential_not_here",
            "only a diploma or a licence of a profile proves a credential",
        ));
        None
    } else if !credentials.iter().any(|c| c == credential) {
        problems.push(FieldError::new(
            "credential",
            "document.credential_unknown",
            "no such credential on this profile",
        ));
        None
    } else {
        Some(credential.to_owned())
    };
    match category {
        Some(category) if problems.is_empty() => Ok((category, input.private, credential)),
        _ => Err(problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(category: &str, private: bool, credential: &str) -> UploadInput {
        UploadInput { category: category.into(), private, credential: credential.into() }
    }

    #[test]
    fn an_upload_takes_the_categories_of_its_record() {
        let none: &[String] = &[];
        assert_eq!(
            check_upload(OwnerKind::Request, &input("", false, ""), false, none),
            Ok((Category::TermsOfReference, false, None))
        );
        assert_eq!(
            check_upload(OwnerKind::Mission, &input("visa", true, ""), true, none),
            Ok((Category::Visa, true, None))
        );
        let codes =
            |r: Result<_, Vec<FieldError>>| r.unwrap_err().into_iter().map(|e| (e.field, e.code)).collect::<Vec<_>>();
        assert_eq!(
            codes(check_upload(OwnerKind::Request, &input("visa", true, ""), true, none)),
            [
                ("category".into(), "document.category_not_here".into()),
                ("private".into(), "document.private_not_allowed".into())
            ]
        );
        assert_eq!(
            codes(check_upload(OwnerKind::Mission, &input("passport", false, ""), false, none)),
            [("category".to_owned(), "document.category_unknown".to_owned())]
        );
        assert_eq!(
            codes(check_upload(OwnerKind::Mission, &input("visa", true, ""), false, none)),
            [("private".to_owned(), "document.private_not_allowed".to_owned())],
            "the expert and the host cannot hide a document from each other"
        );
    }

    #[test]
    fn a_diploma_or_licence_of_a_profile_proves_one_of_its_credentials() {
        let credentials = vec!["c-1".to_owned()];
        assert_eq!(
            check_upload(OwnerKind::Expert, &input("licence", false, "c-1"), false, &credentials),
            Ok((Category::Licence, false, Some("c-1".into())))
        );
        let code = |r: Result<_, Vec<FieldError>>| r.unwrap_err()[0].code.clone();
        assert_eq!(
            code(check_upload(OwnerKind::Expert, &input("licence", false, "c-2"), false, &credentials)),
            "document.credential_unknown"
        );
        assert_eq!(
            code(check_upload(OwnerKind::Expert, &input("cv", false, "c-1"), false, &credentials)),
            "document.credential_not_here"
        );
        assert_eq!(
            code(check_upload(OwnerKind::Mission, &input("visa", false, "c-1"), false, &credentials)),
            "document.credential_not_here"
        );
    }
}
