//! The catalogue as HTML: an error reference a person reads, one section per code.
//!
//! Every page is self-contained (its style inline, no script, no external asset) and
//! every text of the catalogue goes through [`escape`], the one escaping function.

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt::Write as _;

use super::{Catalogue, Entry};

impl Catalogue {
    /// The error reference of the catalogue: one HTML page listing every code, each in a
    /// section with `id="<code>"` (so that a `doc_url` ending in `#{code}` lands on it)
    /// that gives its HTTP status, and for each variant answering with it the message
    /// template with its placeholders, the members with their Rust types, the doc
    /// comment and an example envelope.
    ///
    /// The page is self-contained: its style is inline, it has no script and loads
    /// nothing. It reads on a phone (viewport, one column on narrow screens) and follows
    /// the reader's dark mode. Every text from the catalogue is escaped, so a doc comment
    /// cannot add markup. Rendering allocates; serve it through the `axum` or
    /// `actix_web` integrations, which render it once.
    ///
    /// ```
    /// use certifier_error::{CertifierError, ErrorCatalogue};
    ///
    /// #[derive(Debug, CertifierError)]
    /// #[certifier(doc_url = "/errors/{code}")]
    /// enum ApiError {
    ///     /// The plan allows no more <certificates>.
    ///     #[certifier(status = 402, code = "plan_limit", message = "The {plan} plan is full.")]
    ///     PlanLimit {
    ///         #[certifier(extend)]
    ///         plan: String,
    ///     },
    /// }
    ///
    /// let page = ApiError::CATALOGUE.html();
    /// assert!(page.starts_with("<!DOCTYPE html>"));
    /// assert!(page.contains(r#"id="plan_limit""#));
    /// assert!(page.contains("The plan allows no more &lt;certificates&gt;."));
    /// assert!(!page.contains("<certificates>"));
    /// ```
    #[must_use]
    pub fn html(&self) -> String {
        let codes = self.by_code();
        let mut page = String::new();
        head(&mut page, "Error reference");
        page.push_str("<header><h1>Error reference</h1><p>");
        let _ = write!(
            page,
            "{} {} this API can answer with, in the envelope <code>{{\"error\": {{\"code\", \"message\", …}}}}</code>.",
            codes.len(),
            if codes.len() == 1 { "error code" } else { "error codes" },
        );
        if !self.is_complete() {
            page.push_str(" The list is not complete: some errors cannot be known in advance.");
        }
        page.push_str("</p>");
        if !codes.is_empty() {
            page.push_str("<nav aria-label=\"Codes\"><ul class=\"toc\">");
            for entries in &codes {
                let code = entries[0].code;
                page.push_str("<li><a href=\"#");
                escape(&mut page, code);
                page.push_str("\"><code>");
                escape(&mut page, code);
                page.push_str("</code></a> <span class=\"status\">");
                statuses(&mut page, entries);
                page.push_str("</span></li>");
            }
            page.push_str("</ul></nav>");
        }
        page.push_str("</header><main>");
        for entries in &codes {
            section(&mut page, entries, Heading::InIndex);
        }
        page.push_str("</main>");
        tail(&mut page);
        page
    }

    /// The page of one code: the section [`html`](Self::html) has for it, on its own.
    /// Where the code's `doc_url` ends in `/<code>` (as `/errors/{code}` gives), the page
    /// links back to the index, the same path without the code (`/errors#<code>`).
    /// `None` when no entry has `code`.
    ///
    /// ```
    /// use certifier_error::{CertifierError, ErrorCatalogue, StandardError};
    ///
    /// let page = StandardError::CATALOGUE.html_for("not_found").unwrap();
    /// assert!(page.contains(r#"<section id="not_found""#));
    /// assert!(page.contains("<title>not_found"));
    /// assert!(!page.contains(r#"id="conflict""#));
    /// assert!(StandardError::CATALOGUE.html_for("no_such_code").is_none());
    ///
    /// #[derive(Debug, CertifierError)]
    /// #[certifier(doc_url = "/errors/{code}")]
    /// enum ApiError {
    ///     #[certifier(code = "conflict")]
    ///     Taken,
    /// }
    ///
    /// let page = ApiError::CATALOGUE.html_for("conflict").unwrap();
    /// assert!(page.contains(r##"<a href="/errors#conflict">"##));
    /// ```
    #[must_use]
    pub fn html_for(&self, code: &str) -> Option<String> {
        let entries: Vec<Entry> = self.iter().filter(|entry| entry.code == code).collect();
        let first = entries.first()?;
        let mut page = String::new();
        let mut title = String::from(first.code);
        title.push_str(" — Error reference");
        head(&mut page, &title);
        page.push_str("<header><nav>");
        if let Some(index) = entries.iter().find_map(|entry| index_of(entry, code)) {
            page.push_str("<a href=\"");
            escape(&mut page, &index);
            page.push_str("\">← All errors</a>");
        }
        page.push_str("</nav></header><main>");
        section(&mut page, &entries, Heading::Page);
        page.push_str("</main>");
        tail(&mut page);
        Some(page)
    }

    /// The entries grouped by code, codes in order of first appearance.
    fn by_code(&self) -> Vec<Vec<Entry>> {
        let mut codes: Vec<Vec<Entry>> = Vec::new();
        for entry in self.iter() {
            match codes.iter_mut().find(|group| group[0].code == entry.code) {
                Some(group) => group.push(entry),
                None => codes.push(alloc::vec![entry]),
            }
        }
        codes
    }
}

/// The index's link to `code`, from the entry's `doc_url` when it ends in `/<code>`:
/// the same path without it, and the code as the fragment.
fn index_of(entry: &Entry, code: &str) -> Option<String> {
    let url = entry.doc_url()?.to_string();
    let index = url.strip_suffix(code)?.strip_suffix('/')?;
    let mut link = String::from(if index.is_empty() { "/" } else { index });
    link.push('#');
    link.push_str(code);
    Some(link)
}

/// Writes `text` into `out` as HTML text or as an attribute value between double quotes:
/// `&`, `<`, `>`, `"` and `'` become character references.
pub(crate) fn escape(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(at) = rest.find(['&', '<', '>', '"', '\'']) {
        out.push_str(&rest[..at]);
        out.push_str(match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

/// Where a code's section sits: under the index's title, or as the page's own title.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Heading {
    InIndex,
    Page,
}

const STYLE: &str = "\
:root{color-scheme:light dark;--fg:#1b1f24;--bg:#fff;--muted:#57606a;--line:#d0d7de;\
--code:#f3f4f6;--accent:#0a58ca;--badge:#e7f0ff}\
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#9da7b3;\
--line:#30363d;--code:#161b22;--accent:#6cb6ff;--badge:#1c2d44}}\
*{box-sizing:border-box}\
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.55 system-ui,-apple-system,\
\"Segoe UI\",Roboto,sans-serif;overflow-wrap:anywhere}\
header,main{max-width:60rem;margin:0 auto;padding:0 1rem}\
header{padding-top:1.5rem}\
h1{font-size:1.75rem;margin:.5rem 0}\
h2{font-size:1.35rem;margin:0 0 .5rem}\
h3{font-size:1.05rem;margin:1rem 0 .25rem}\
a{color:var(--accent)}\
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em}\
code{background:var(--code);border-radius:4px;padding:.1em .3em}\
pre{background:var(--code);border:1px solid var(--line);border-radius:6px;padding:.75rem;\
white-space:pre-wrap;overflow-wrap:anywhere}\
pre code{background:none;padding:0}\
.toc{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4rem .9rem}\
.status{display:inline-block;background:var(--badge);border-radius:999px;padding:0 .55em;\
font-size:.85em;color:var(--fg)}\
section{border-top:1px solid var(--line);padding:1.25rem 0}\
section:target h2,section:target h1{color:var(--accent)}\
article{margin:.75rem 0 0}\
.muted{color:var(--muted)}\
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:.5rem 0}\
dt{color:var(--muted)}dd{margin:0;min-width:0}\
table{border-collapse:collapse;margin:.25rem 0}\
th,td{border:1px solid var(--line);padding:.25rem .5rem;text-align:left;vertical-align:top}\
footer{max-width:60rem;margin:0 auto;padding:1rem;color:var(--muted);font-size:.85em}\
@media (max-width:40rem){dl{grid-template-columns:1fr}dt{margin-top:.4rem}}";

fn head(page: &mut String, title: &str) {
    page.push_str(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"color-scheme\" content=\"light dark\"><title>",
    );
    escape(page, title);
    page.push_str("</title><style>");
    page.push_str(STYLE);
    page.push_str("</style></head><body>");
}

fn tail(page: &mut String) {
    page.push_str("<footer>Errors answer in the Certifier envelope.</footer></body></html>\n");
}

/// The distinct statuses of the entries of one code, ascending.
fn statuses(page: &mut String, entries: &[Entry]) {
    let mut seen: Vec<u16> = entries.iter().map(|entry| entry.status).collect();
    seen.sort_unstable();
    seen.dedup();
    for (index, status) in seen.iter().enumerate() {
        if index > 0 {
            page.push_str(", ");
        }
        let _ = write!(page, "{status}");
    }
}

/// The section of one code: its heading and each entry that answers with it.
fn section(page: &mut String, entries: &[Entry], heading: Heading) {
    let code = entries[0].code;
    let level = if heading == Heading::Page { "h1" } else { "h2" };
    page.push_str("<section id=\"");
    escape(page, code);
    let _ = write!(page, "\"><{level}><a href=\"#");
    escape(page, code);
    page.push_str("\"><code>");
    escape(page, code);
    page.push_str("</code></a> <span class=\"status\">HTTP ");
    statuses(page, entries);
    let _ = write!(page, "</span></{level}>");
    if heading == Heading::InIndex {
        if let Some(url) = entries.iter().find_map(Entry::doc_url) {
            page.push_str("<p class=\"muted\"><a href=\"");
            escape(page, &url.to_string());
            page.push_str("\">This code on its own page</a></p>");
        }
    }
    for entry in entries {
        article(page, entry);
    }
    page.push_str("</section>");
}

/// One entry: the variant, its doc comment, message, members and an example envelope.
fn article(page: &mut String, entry: &Entry) {
    page.push_str("<article><h3>");
    escape(page, entry.variant);
    page.push_str("</h3>");
    docs(page, entry.docs);
    page.push_str("<dl><dt>Status</dt><dd>");
    let _ = write!(page, "{} (gRPC <code>", entry.status);
    escape(page, entry.grpc_code());
    page.push_str("</code>)</dd><dt>Message</dt><dd><code>");
    escape(page, entry.message);
    page.push_str("</code></dd>");
    let names = placeholders(entry.message);
    if !names.is_empty() {
        page.push_str("<dt>Placeholders</dt><dd>");
        for (index, name) in names.iter().enumerate() {
            if index > 0 {
                page.push_str(", ");
            }
            page.push_str("<code>");
            escape(page, name);
            page.push_str("</code>");
        }
        page.push_str("</dd>");
    }
    // What translators work with (feature `fluent`).
    page.push_str("<dt>Message key</dt><dd><code>");
    escape(page, entry.key());
    page.push_str("</code>");
    for (index, argument) in entry.arguments().iter().enumerate() {
        page.push_str(if index == 0 {
            " with <code>$"
        } else {
            ", <code>$"
        });
        escape(page, argument);
        page.push_str("</code>");
    }
    page.push_str("</dd>");
    page.push_str("<dt>Members</dt><dd>");
    if entry.members.is_empty() && !entry.flattened {
        page.push_str(
            "<span class=\"muted\">none besides <code>code</code> and <code>message</code></span>",
        );
    } else {
        page.push_str("<table><thead><tr><th>member</th><th>Rust type</th></tr></thead><tbody>");
        for (index, member) in entry.members.iter().enumerate() {
            page.push_str("<tr><td><code>");
            escape(page, member);
            page.push_str("</code></td><td><code>");
            escape(page, entry.member_types.get(index).copied().unwrap_or(""));
            page.push_str("</code></td></tr>");
        }
        if entry.flattened {
            page.push_str("<tr><td colspan=\"2\" class=\"muted\">and the members of flattened fields</td></tr>");
        }
        page.push_str("</tbody></table>");
    }
    page.push_str("</dd></dl><details open><summary>Example envelope</summary><pre><code>");
    escape(page, &example(entry));
    page.push_str("</code></pre></details></article>");
}

/// The doc comment, one paragraph per run of lines between blank lines. Fenced code
/// blocks are left out: in a Rust doc comment they are examples in Rust, for the API's
/// authors rather than its clients. `` `code` `` spans become code, intra-doc links
/// (`` [`Name`] ``) their text; every other character is shown as written, escaped.
fn docs(page: &mut String, docs: &str) {
    let mut paragraph = String::new();
    let mut fenced = false;
    for line in docs.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("```") {
            fenced = !fenced;
            paragraph_end(page, &mut paragraph);
        } else if fenced {
            continue;
        } else if trimmed.is_empty() {
            paragraph_end(page, &mut paragraph);
        } else {
            if !paragraph.is_empty() {
                paragraph.push(' ');
            }
            paragraph.push_str(trimmed);
        }
    }
    paragraph_end(page, &mut paragraph);
}

/// Writes the paragraph collected so far, if any, and empties it.
fn paragraph_end(page: &mut String, paragraph: &mut String) {
    if paragraph.is_empty() {
        return;
    }
    let mut unlinked = String::new();
    let _ = super::write_unlinked(&mut unlinked, paragraph);
    page.push_str("<p>");
    // Between an odd and an even backtick: code. A last backtick without its pair stays.
    let pieces: Vec<&str> = unlinked.split('`').collect();
    let paired = if pieces.len() % 2 == 1 {
        pieces.len()
    } else {
        pieces.len() - 1
    };
    for (index, piece) in pieces.iter().enumerate() {
        if index >= paired {
            page.push('`');
            escape(page, piece);
        } else if index % 2 == 1 {
            page.push_str("<code>");
            escape(page, piece);
            page.push_str("</code>");
        } else {
            escape(page, piece);
        }
    }
    page.push_str("</p>");
    paragraph.clear();
}

/// The names of the message template's placeholders (`{plan}`, `{0}`, `{amount:.2}`
/// give `plan`, `0`, `amount`), each once, in order; `{{` and `}}` are literal braces.
pub(crate) fn placeholders(template: &str) -> Vec<&str> {
    let mut names: Vec<&str> = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        if let Some(escaped) = after.strip_prefix('{') {
            rest = escaped;
            continue;
        }
        let Some(close) = after.find('}') else {
            break;
        };
        let inside = &after[..close];
        let name = inside.split(':').next().unwrap_or("").trim();
        if !name.is_empty() && !names.contains(&name) {
            names.push(name);
        }
        rest = &after[close + 1..];
    }
    names
}

/// An example envelope of the entry, pretty-printed: the message as its template, and
/// each member a value of its Rust type's JSON shape.
fn example(entry: &Entry) -> String {
    let mut json = String::from("{\n  \"error\": {\n    \"code\": ");
    json_string(&mut json, entry.code);
    json.push_str(",\n    \"message\": ");
    json_string(&mut json, entry.message);
    if let Some(url) = entry.doc_url() {
        json.push_str(",\n    \"doc_url\": ");
        json_string(&mut json, &url.to_string());
    }
    for (index, member) in entry.members.iter().enumerate() {
        json.push_str(",\n    ");
        json_string(&mut json, member);
        json.push_str(": ");
        let rust = entry.member_types.get(index).copied().unwrap_or("");
        json.push_str(example_value(rust));
    }
    json.push_str("\n  }\n}");
    json
}

/// Writes `text` as a JSON string, quoted and escaped.
fn json_string(json: &mut String, text: &str) {
    // A string always serialises.
    json.push_str(&serde_json::to_string(text).unwrap_or_default());
}

/// A JSON value of the shape a member of Rust type `rust` serialises to, as serde writes
/// the common types; `null` where the shape cannot be told from the type's spelling.
fn example_value(rust: &str) -> &'static str {
    let rust = rust.trim();
    if let Some(inner) = rust
        .strip_prefix("Option<")
        .or_else(|| rust.strip_prefix("std::option::Option<"))
        .or_else(|| rust.strip_prefix("core::option::Option<"))
        .and_then(|inner| inner.strip_suffix('>'))
    {
        return example_value(inner);
    }
    let last = rust
        .trim_start_matches('&')
        .trim_start_matches("'static ")
        .rsplit("::")
        .next()
        .unwrap_or(rust);
    match last {
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" | "i8" | "i16" | "i32" | "i64" | "i128"
        | "isize" | "NonZeroU32" | "NonZeroU64" => "0",
        "f32" | "f64" => "0.5",
        "bool" => "false",
        "str" | "String" | "Cow<'static, str>" | "Cow<'_, str>" | "char" => "\"…\"",
        _ if last.starts_with("Vec<") || last.starts_with('[') || last == "Violations" => "[]",
        _ => "null",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(text: &str) -> String {
        let mut out = String::new();
        escape(&mut out, text);
        out
    }

    #[test]
    fn escapes_every_special_character() {
        assert_eq!(
            escaped("<script>alert(\"x\" & 'y')</script>"),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"
        );
        assert_eq!(escaped("plain é text"), "plain é text");
        assert_eq!(escaped(""), "");
    }

    #[test]
    fn placeholders_are_read_from_the_template() {
        assert_eq!(
            placeholders("{plan} {0} {amount:.2} {{literal}} {plan}"),
            ["plan", "0", "amount"]
        );
        assert!(placeholders("No braces.").is_empty());
        assert!(placeholders("Open { only").is_empty());
    }

    #[test]
    fn example_values_follow_the_type() {
        assert_eq!(example_value("u64"), "0");
        assert_eq!(example_value("Option<u32>"), "0");
        assert_eq!(example_value("&'static str"), "\"…\"");
        assert_eq!(example_value("std::string::String"), "\"…\"");
        assert_eq!(example_value("Vec<FieldError>"), "[]");
        assert_eq!(example_value("Custom"), "null");
    }

    #[test]
    fn docs_become_escaped_paragraphs() {
        let mut page = String::new();
        docs(
            &mut page,
            "First <b>line</b>\nsame `a<b` paragraph, see [`Other`].\n\n```\nlet x = 1 < 2;\n```\nLast `one.",
        );
        assert_eq!(
            page,
            "<p>First &lt;b&gt;line&lt;/b&gt; same <code>a&lt;b</code> paragraph, see \
             <code>Other</code>.</p><p>Last `one.</p>"
        );
    }
}
