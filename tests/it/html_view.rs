//! The HTML view in a real browser: headless Chromium opens the seeds'
//! `graph.html` and a page of 10,000 adversarial names, runs its scripts,
//! and we read the DOM it ends with: no script error, no request (none
//! counted by the page, none blocked by its policy, none reaching a proxy
//! the browser is told to use), the lists and the drawn graph there, the
//! names as text. A screenshot of each page goes to `target/html-view/`
//! for the test log. Not ignored: without Chromium the tests print SKIP
//! and pass, except under `CI=true`, where they fail.

use super::export_props::adversarial_graph;
use super::util::{build, root};
use newsgraph::{ExportOptions, Format, Kind};
use std::io::Read;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

const CHROMIUM: &str = "chromium";

/// True when Chromium runs; otherwise prints SKIP and returns false, or
/// fails under `CI=true`.
fn chromium_present(test: &str) -> bool {
    let ok = Command::new(CHROMIUM)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{test}: chromium is missing: apt-get install chromium"
        );
        eprintln!("SKIP {test}: chromium is missing (apt-get install chromium)");
    }
    ok
}

/// A proxy that only records the first line of each request made through
/// it, so that any request the page makes is seen (and answered with
/// nothing).
struct Proxy {
    port: u16,
    seen: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
}

impl Proxy {
    fn start() -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.set_nonblocking(true).expect("non-blocking");
        let port = listener.local_addr().expect("address").port();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (s, st) = (seen.clone(), stop.clone());
        std::thread::spawn(move || {
            while !st.load(Ordering::Relaxed) {
                match listener.accept() {
                    Ok((mut c, _)) => {
                        let _ = c.set_nonblocking(false);
                        let _ = c.set_read_timeout(Some(std::time::Duration::from_secs(5)));
                        let mut buf = [0u8; 512];
                        let n = c.read(&mut buf).unwrap_or(0);
                        // A connection that asks for nothing is no request:
                        // Chromium opens idle ones to its proxy ahead of need,
                        // and on a loaded machine one stayed silent past the
                        // wait and was counted as an empty request.
                        if n == 0 {
                            continue;
                        }
                        let line = String::from_utf8_lossy(&buf[..n]);
                        let first = line.lines().next().unwrap_or("").to_string();
                        s.lock().expect("lock").push(first);
                    }
                    Err(_) => std::thread::sleep(std::time::Duration::from_millis(20)),
                }
            }
        });
        Proxy { port, seen, stop }
    }

    /// The requests seen, less Chromium's own calls home (time, updates,
    /// accounts), which it makes whatever the page.
    fn page_requests(&self) -> Vec<String> {
        let own = ["google.com", "googleapis.com", "gstatic.com"];
        self.seen
            .lock()
            .expect("lock")
            .iter()
            .filter(|l| {
                let host = l.split_whitespace().nth(1).unwrap_or("");
                let host = host
                    .trim_start_matches("http://")
                    .trim_start_matches("https://");
                let host = host.split(['/', ':']).next().unwrap_or("");
                !own.iter()
                    .any(|o| host == *o || host.ends_with(&format!(".{o}")))
            })
            .cloned()
            .collect()
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// Opens `page` in headless Chromium through `proxy`, lets its scripts
/// run, and returns the DOM it ends with; also writes a screenshot.
fn open(page: &Path, proxy: &Proxy, shot: &str) -> String {
    let profile = tempfile::tempdir().expect("profile dir");
    let url = format!("file://{}", page.display());
    let common = |cmd: &mut Command| {
        cmd.args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--window-size=1400,1000",
            "--virtual-time-budget=5000",
            "--proxy-bypass-list=<-loopback>",
        ])
        .arg(format!("--proxy-server=http://127.0.0.1:{}", proxy.port))
        .arg(format!("--user-data-dir={}", profile.path().display()));
    };
    let mut cmd = Command::new(CHROMIUM);
    common(&mut cmd);
    let out = cmd
        .arg("--dump-dom")
        .arg(&url)
        .output()
        .expect("run chromium");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dir = root().join("target/html-view");
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    let png = dir.join(shot);
    let mut cmd = Command::new(CHROMIUM);
    common(&mut cmd);
    let status = cmd
        .arg(format!("--screenshot={}", png.display()))
        .arg(&url)
        .output()
        .expect("run chromium");
    assert!(status.status.success() && png.is_file(), "no screenshot");
    eprintln!("screenshot: {}", png.display());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The value of `data-<name>` on the `<html>` element of a dumped DOM.
fn root_attr<'a>(dom: &'a str, name: &str) -> &'a str {
    let tag = dom.find("<html").map_or("", |i| &dom[i..]);
    let html = &tag[..tag.find('>').unwrap_or(tag.len())];
    let key = format!("data-{name}=\"");
    let start = html.find(&key).map(|i| i + key.len());
    start
        .and_then(|s| html[s..].find('"').map(|e| &html[s..s + e]))
        .unwrap_or_else(|| panic!("no data-{name} on <html>: {html}"))
}

/// What every page must show: no error, no request, a drawn graph.
fn check_clean(dom: &str, proxy: &Proxy) {
    let last = dom
        .contains("data-last-error")
        .then(|| root_attr(dom, "last-error"));
    assert_eq!(root_attr(dom, "errors"), "0", "script errors: {last:?}");
    assert_eq!(
        root_attr(dom, "blocked"),
        "0",
        "requests blocked by the page's policy"
    );
    assert_eq!(root_attr(dom, "resources"), "0", "resources loaded");
    let drawn: usize = root_attr(dom, "drawn-nodes").parse().expect("a count");
    assert!(drawn > 0, "nothing drawn");
    assert!(dom.contains("<canvas"), "no canvas");
    assert_eq!(
        proxy.page_requests(),
        Vec::<String>::new(),
        "requests left the page"
    );
}

fn html_of(dir: &Path) -> PathBuf {
    dir.join("graph.html")
}

#[test]
fn the_proxy_sees_a_page_that_makes_requests() {
    if !chromium_present("the_proxy_sees_a_page_that_makes_requests") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let page = dir.path().join("leak.html");
    std::fs::write(
        &page,
        "<!DOCTYPE html><img src=\"http://leak.example/x.png\">",
    )
    .expect("write");
    let proxy = Proxy::start();
    let _ = open(&page, &proxy, "leak.png");
    let seen = proxy.page_requests();
    assert!(seen.iter().any(|l| l.contains("leak.example")), "{seen:?}");
}

#[test]
fn seeds_page_opens_in_chromium_offline_with_lists_and_graph() {
    if !chromium_present("seeds_page_opens_in_chromium_offline_with_lists_and_graph") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    build(&[&root().join("seeds")], dir.path(), &["--format", "html"]);
    let proxy = Proxy::start();
    let dom = open(&html_of(dir.path()), &proxy, "seeds.png");
    check_clean(&dom, &proxy);
    assert!(dom.contains("<ol id=\"events\">") && dom.contains("<ul id=\"entity-list\">"));
    assert!(
        dom.contains(">Donald Trump</button>"),
        "no Donald Trump in the list"
    );
    // A reduction dated 2020-09-09 is in the timeline, with its numbers.
    let reduction = dom.split("<li ").any(|li| {
        li.contains("data-start=\"2020-09-09\"")
            && li.contains("<span class=\"ekind\">reduction</span>")
            && li.contains("class=\"num\"")
    });
    assert!(reduction, "no 2020-09-09 reduction in the timeline");
    // The timeline is in date order.
    let dates: Vec<&str> = dom
        .split("data-start=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    assert!(
        dates.len() > 5 && dates.windows(2).all(|w| w[0] <= w[1]),
        "{dates:?}"
    );
}

#[test]
fn ten_thousand_adversarial_names_open_in_chromium_as_text() {
    if !chromium_present("ten_thousand_adversarial_names_open_in_chromium_as_text") {
        return;
    }
    let n = std::env::var("NEWSGRAPH_ADVERSARIAL_NODES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let g = adversarial_graph(n);
    let dir = tempfile::tempdir().expect("temp dir");
    let page = html_of(dir.path());
    let file = std::fs::File::create(&page).expect("create");
    newsgraph::export(Format::Html, &g, &ExportOptions::default(), file).expect("export");
    let proxy = Proxy::start();
    let dom = open(&page, &proxy, "adversarial.png");
    check_clean(&dom, &proxy);
    // Only the page's own scripts: no name became one.
    assert_eq!(dom.matches("<script").count(), 4);
    let entities = g.nodes().filter(|n| n.kind != Kind::Event).count();
    let items = dom.matches("<li data-n=").count();
    let events = g
        .nodes()
        .filter(|n| n.event.as_ref().is_some_and(|e| e.time.is_some()));
    assert_eq!(items, entities + events.count());
    // Every entity's name is in the DOM as text, as the browser writes
    // text back: controls as U+FFFD, CR as LF, `&<>` escaped.
    let mut missing = Vec::new();
    for node in g.nodes().filter(|n| n.kind != Kind::Event) {
        let want = dom_text(&node.label);
        if !dom.contains(&format!(
            "class=\"name k-{}\">{want}</button>",
            node.kind.as_str()
        )) {
            missing.push(node.label.clone());
        }
    }
    assert!(
        missing.is_empty(),
        "{} names changed, first {:?}",
        missing.len(),
        missing.first()
    );
}

/// Text as the page puts it (controls but tab and LF as U+FFFD) and as
/// Chromium serialises a text node (`&<>` escaped, `\u{A0}` as `&nbsp;`),
/// after its parser turned CR LF and CR into LF.
fn dom_text(s: &str) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\u{A0}' => out.push_str("&nbsp;"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{7F}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}
