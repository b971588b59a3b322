use super::Outgoing;
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Body, Mailbox};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::{Path, PathBuf};

/// How to reach an SMTP server.
#[derive(Clone)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub username: Option<String>,
    pub password: Option<String>,
    pub tls: SmtpTls,
}

impl std::fmt::Debug for SmtpSettings {
    /// Never prints the password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpSettings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "(hidden)"))
            .field("tls", &self.tls)
            .finish()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpTls {
    /// TLS from the first byte (port 465).
    Tls,
    /// Plain connection upgraded with STARTTLS (port 587), required.
    StartTls,
    /// No encryption: only for a relay on the same machine or a test listener.
    None,
}

enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// `.eml` files in a folder; the link in each email is logged so a local user can follow it.
    Folder(PathBuf),
}

/// Delivers emails from one sender address.
pub struct Mailer {
    from: Mailbox,
    transport: Transport,
}

impl Mailer {
    pub fn smtp(from: Mailbox, settings: &SmtpSettings) -> anyhow::Result<Mailer> {
        let builder = match settings.tls {
            SmtpTls::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&settings.host)?,
            SmtpTls::StartTls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&settings.host)?,
            SmtpTls::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&settings.host),
        };
        let mut builder = builder.port(settings.port).timeout(Some(std::time::Duration::from_secs(20)));
        if let (Some(user), Some(password)) = (&settings.username, &settings.password) {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(Mailer { from, transport: Transport::Smtp(builder.build()) })
    }

    pub fn folder(from: Mailbox, folder: PathBuf) -> Mailer {
        Mailer { from, transport: Transport::Folder(folder) }
    }

    /// The folder emails are written to, when there is no SMTP server.
    pub fn outbox_folder(&self) -> Option<&Path> {
        match &self.transport {
            Transport::Folder(folder) => Some(folder),
            Transport::Smtp(_) => None,
        }
    }

    /// Sends one email; written to the outbox folder, gives the link it holds (if any).
    pub(super) async fn send(&self, id: i64, email: &Outgoing) -> anyhow::Result<Option<String>> {
        let message = Message::builder()
            .from(self.from.clone())
            .to(Mailbox::new(None, email.to.as_str().parse()?))
            .subject(&email.subject)
            .header(ContentType::TEXT_PLAIN)
            // Quoted-printable: readable in any client, safe for accents, and links survive.
            .body(
                Body::new_with_encoding(email.body.clone(), ContentTransferEncoding::QuotedPrintable)
                    .map_err(|_| anyhow::anyhow!("cannot encode the email body"))?,
            )?;
        match &self.transport {
            Transport::Smtp(smtp) => {
                smtp.send(message).await?;
                Ok(None)
            }
            Transport::Folder(folder) => {
                tokio::fs::create_dir_all(folder).await?;
                let path = folder.join(format!("{}-{id:06}.eml", passerelle_core::Timestamp::now().unix_seconds()));
                let temporary = path.with_extension("eml.partial");
                tokio::fs::write(&temporary, message.formatted()).await?;
                tokio::fs::rename(&temporary, &path).await?;
                // The recipient is personal data and stays out of the log; the link is what a
                // person testing locally needs (the caller logs it: one line per burst of
                // emails, not a hundred at a demo's first start).
                let link =
                    email.body.split_whitespace().find(|w| w.starts_with("http://") || w.starts_with("https://"));
                tracing::debug!(path = %path.display(), link = link.unwrap_or("-"), "email written to the outbox folder");
                Ok(link.map(str::to_owned))
            }
        }
    }
}
