//! The emails people receive, in their language. Each is queued in the transaction of the
//! change that causes it; the sender task delivers it.

use crate::{AppState, i18n};
use passerelle_accounts::mail::{Outgoing, enqueue};
use passerelle_core::{Email, Locale};
use passerelle_db::Tx;

/// Builds a plain-text email from catalogue messages: a greeting, paragraphs, a link, the
/// signature.
pub struct Letter {
    locale: Locale,
    lines: Vec<String>,
}

impl Letter {
    pub fn to(locale: Locale, name: &str) -> Self {
        Letter { locale, lines: vec![i18n::text_with(locale, "email-greeting", &[("name", name.to_owned())])] }
    }

    pub fn say(mut self, key: &str) -> Self {
        self.lines.push(i18n::text(self.locale, key));
        self
    }

    pub fn say_with(mut self, key: &str, args: &[(&str, String)]) -> Self {
        self.lines.push(i18n::text_with(self.locale, key, args));
        self
    }

    pub fn link(mut self, url: String) -> Self {
        self.lines.push(url);
        self
    }

    fn body(&self) -> String {
        let mut body = self.lines.join("\n\n");
        body.push_str("\n\n-- \n");
        body.push_str(&i18n::text(self.locale, "email-signature"));
        body.push('\n');
        body
    }

    /// Queues the letter in `tx` under the subject `subject_key`.
    pub async fn queue(
        self,
        tx: &mut Tx,
        to: &Email,
        subject_key: &str,
        args: &[(&str, String)],
    ) -> Result<(), passerelle_db::sqlx::Error> {
        let subject = i18n::text_with(self.locale, subject_key, args);
        enqueue(tx, &Outgoing { to: to.clone(), subject, body: self.body() }).await?;
        Ok(())
    }
}

/// An absolute link to one of our paths, for emails.
pub fn link(state: &AppState, path_and_query: &str) -> String {
    format!("{}{path_and_query}", state.config.public_url.trim_end_matches('/'))
}
