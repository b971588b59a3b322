//! The main pages of each kind of person, found the way they find them: from the navigation
//! and the lists, following links. The phone-layout test and the French walk visit them.

use crate::accounts::{demo_password, sign_in};
use crate::harness::{Client, Server};
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// The people of the demonstration, and nobody signed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Anonymous,
    Expert,
    Institution,
    Coordinator,
    Admin,
}

impl Role {
    pub const ALL: [Role; 5] = [Role::Anonymous, Role::Expert, Role::Institution, Role::Coordinator, Role::Admin];

    /// The demo account's role word and email, for those who sign in.
    pub fn account(self) -> Option<(&'static str, &'static str)> {
        match self {
            Role::Anonymous => None,
            Role::Expert => Some(("expert", "expert@passerelle.example")),
            Role::Institution => Some(("institution", "institution@passerelle.example")),
            Role::Coordinator => Some(("coordinator", "coordinator@passerelle.example")),
            Role::Admin => Some(("admin", "admin@passerelle.example")),
        }
    }

    pub fn name(self) -> &'static str {
        self.account().map_or("anonymous", |(role, _)| role)
    }

    /// Where this person starts: the pages their navigation leads to, and those reached by a
    /// button rather than a link.
    fn starts(self) -> &'static [&'static str] {
        match self {
            Role::Anonymous => {
                &["/", "/login", "/signup", "/signup?as=expert", "/signup?as=institution", "/forgot-password"]
            }
            Role::Expert => &["/", "/profile", "/profile/edit/skills", "/profile/consent", "/invitations", "/missions"],
            Role::Institution => &["/", "/requests", "/requests/new", "/candidates", "/missions", "/my-institution"],
            Role::Coordinator => &["/", "/requests?status=approved", "/candidates", "/missions", "/calls", "/experts"],
            Role::Admin => &["/", "/admin/users", "/admin/audit", "/admin/users/new", "/dashboard"],
        }
    }
}

/// A client signed in as `role` (or not signed in), reading pages in `lang`.
pub fn client_for(server: &Server, role: Role, lang: &str) -> Client {
    let client = server.client();
    if let Some((word, email)) = role.account() {
        let signed = sign_in(&client, email, &demo_password(server, word));
        assert_eq!(signed.status, 303, "{role:?} signs in: {}", signed.body);
    }
    // An explicit choice of language is remembered in a cookie.
    assert_eq!(client.get(&format!("/?lang={lang}")).status, 200);
    client
}

/// A path with its ids replaced by `{id}`: pages of one kind share it.
fn kind_of(path: &str) -> String {
    let (path, _) = path.split_once('?').unwrap_or((path, ""));
    path.split('/')
        .map(|part| if part.len() == 36 && part.matches('-').count() == 4 { "{id}" } else { part })
        .collect::<Vec<_>>()
        .join("/")
}

/// Links that are not pages to read: downloads, the API, actions, other languages.
fn worth_visiting(path: &str) -> bool {
    const NOT_PAGES: &[&str] = &["/api/", "/static/", "/exports/", "/logout", "/verify-email", "/reset-password"];
    path.starts_with('/')
        && !path.starts_with("//")
        && !NOT_PAGES.iter().any(|p| path.starts_with(p))
        && !path.ends_with("/export")
        && !path.contains("lang=")
        && !path.contains("/answer?")
}

/// The links of a page, as paths.
pub fn links(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|href| href.split('#').next().unwrap_or_default().replace("&amp;", "&").replace("&#38;", "&"))
        .filter(|href| worth_visiting(href))
        .collect()
}

/// The pages `client` reaches from its starting points, following links breadth first: at
/// most `per_kind` pages of each kind (one request, one mission…) and `limit` in all. Returns
/// each page with its HTML.
pub fn crawl(client: &Client, role: Role, per_kind: usize, limit: usize) -> Vec<(String, String)> {
    let mut queue: VecDeque<String> = role.starts().iter().map(|s| (*s).to_owned()).collect();
    let mut seen: BTreeSet<String> = queue.iter().cloned().collect();
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    let mut pages = Vec::new();
    while let Some(path) = queue.pop_front() {
        if pages.len() >= limit {
            break;
        }
        // The starting points are all visited; past them, `per_kind` pages of each kind.
        let start = role.starts().contains(&path.as_str());
        let kind = kinds.entry(kind_of(&path)).or_default();
        if *kind >= per_kind && !start {
            continue;
        }
        let reply = client.get(&path);
        let html = reply.header("content-type").is_some_and(|t| t.starts_with("text/html"));
        if reply.status != 200 || !html {
            assert!(reply.status < 500, "{role:?} GET {path}: {}", reply.status);
            continue;
        }
        *kind += 1;
        for link in links(&reply.body) {
            if seen.insert(link.clone()) {
                queue.push_back(link);
            }
        }
        pages.push((path, reply.body));
    }
    pages
}
