//! Personal numbers (identity, mobile, bank card) planted in real text are masked in every
//! public answer, counted in the index summary, and the document is still found by its other
//! words; `--pii reject` refuses the record, `GONGWEN_PII=keep` keeps it as written.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::harness::{bin, enc, records, run, scratch, short, Server};

const MARKER: &str = "脱敏核验专用词";
const NUMBER: &str = "测脱发〔2024〕3号";

/// An 18-character identity number with a valid ISO 7064 MOD 11-2 check character, computed
/// here independently of the code under test.
fn identity(first17: &str) -> String {
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = first17.bytes().zip(W).map(|(b, w)| u32::from(b - b'0') * w).sum();
    format!("{first17}{}", b"10X98765432"[(sum % 11) as usize] as char)
}

/// A 19-digit card number with a valid Luhn digit.
fn card(first18: &str) -> String {
    for check in 0..10u32 {
        let s = format!("{first18}{check}");
        let sum: u32 = s
            .bytes()
            .rev()
            .enumerate()
            .map(|(i, b)| {
                let d = u32::from(b - b'0');
                if i % 2 == 1 {
                    if d * 2 > 9 {
                        d * 2 - 9
                    } else {
                        d * 2
                    }
                } else {
                    d
                }
            })
            .sum();
        if sum.is_multiple_of(10) {
            return s;
        }
    }
    unreachable!("one of ten digits passes Luhn")
}

struct Planted {
    file: PathBuf,
    raw: Vec<String>,
    /// A phrase of the real text, to find the document by.
    phrase: String,
}

fn planted() -> Planted {
    let id = identity("33010619850315123");
    let mobile = "13912345678".to_string();
    let card = card("621700123456789012");
    // A real document's body, from the sample of the shared corpus.
    let real = records("sample.jsonl")
        .into_iter()
        .filter_map(|r| r["body"].as_str().map(str::to_owned))
        .find(|b| b.chars().count() > 600 && !b.contains("电话"))
        .expect("a long body in the sample");
    let chars: Vec<char> = real.chars().collect();
    let phrase: String = chars[100..112].iter().collect();
    let head: String = chars[..300].iter().collect();
    let tail: String = chars[300..600].iter().collect();
    let body = format!(
        "{head}\n{MARKER}：申请人身份证号码{id}，联系手机{mobile}，退款账户{card}。\n{tail}\n联系人手机：{mobile}"
    );
    let lines = [
        serde_json::json!({
            "id": "pii-1",
            "title": format!("关于{MARKER}的通知（联系电话{mobile}）"),
            "doc_number": NUMBER,
            "issuer": "个人信息保护测试局",
            "date": "2024-03-01",
            "body": body,
        }),
        serde_json::json!({
            "id": "pii-2",
            "title": "关于公布补贴名单的公告",
            "date": "2024-03-02",
            "body": format!("根据{NUMBER}，{MARKER}名单如下：张三，身份证{id}。"),
        }),
    ];
    let file = scratch().join("pii-planted.jsonl");
    let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    std::fs::write(&file, text.join("\n")).expect("write planted");
    Planted {
        file,
        raw: vec![id, mobile, card],
        phrase,
    }
}

fn index(name: &str, file: &Path, extra: &[&str]) -> (PathBuf, serde_json::Value) {
    let dir = scratch().join(name);
    let mut args = vec!["index", "--quiet", "--json", "--index"];
    let d = dir.display().to_string();
    let f = file.display().to_string();
    args.push(&d);
    args.extend_from_slice(extra);
    args.push(&f);
    let (code, out, err) = run(&args);
    assert_eq!(code, 0, "{out}{err}");
    (dir, serde_json::from_str(&out).expect("summary JSON"))
}

#[test]
fn personal_numbers_are_masked_everywhere() {
    let p = planted();
    let (dir, summary) = index("pii-mask", &p.file, &[]);
    assert_eq!(summary["indexed"], 2, "{summary}");
    assert_eq!(summary["pii"]["id_numbers"], 2, "{summary}");
    assert_eq!(summary["pii"]["mobiles"], 3, "{summary}");
    assert_eq!(summary["pii"]["bank_cards"], 1, "{summary}");
    println!("pii summary: {}", summary["pii"]);

    let s = Server::start(&dir, &[]);
    let mut probes: Vec<String> = vec![
        format!("/api/search?q={}", enc(MARKER)),
        format!("/api/search?q={}", enc(&p.phrase)),
        format!("/api/search?q={}", enc("身份证号码")),
        format!("/api/search?q={}", enc("联系手机")),
        "/api/search?q=&limit=10".to_string(),
        format!("/api/suggest?q={}", enc("关于")),
        format!("/api/suggest?q={}", enc(MARKER)),
        format!("/api/docnum/{}", enc(NUMBER)),
        "/api/documents/pii-1".to_string(),
        "/api/documents/pii-2".to_string(),
        "/api/documents/pii-1/citations".to_string(),
        "/api/documents/pii-2/citations".to_string(),
        "/api/documents/pii-1/status".to_string(),
        format!("/api/check?number={}", enc(NUMBER)),
        "/api/catalog".to_string(),
    ];
    // Searching for the numbers themselves, whole and in parts, must not bring them back.
    for raw in &p.raw {
        probes.push(format!("/api/search?q={}", enc(raw)));
        probes.push(format!("/api/search?q={}", enc(&raw[raw.len() - 8..])));
        probes.push(format!("/api/suggest?q={}", enc(&raw[..7])));
    }
    let mut bytes = 0;
    for probe in &probes {
        let (status, body) = s.get(probe);
        assert!(status == 200 || status == 404, "{probe}: {status} {}", short(&body));
        bytes += body.len();
        for raw in &p.raw {
            // Not even when asked for: no response echoes free query text.
            assert!(
                !body.contains(raw.as_str()),
                "{probe}: response shows {raw}: {}",
                short(&body)
            );
        }
    }
    println!(
        "pii: {} probes, {bytes} bytes of responses, 0 raw numbers",
        probes.len()
    );

    // Still found by its other words, with the masked numbers in the text served.
    let r = s.json(&format!("/api/search?q={}", enc(&p.phrase)), 200);
    assert_eq!(r["hits"][0]["id"], "pii-1", "{}", short(&r.to_string()));
    let r = s.json(&format!("/api/search?q={}", enc(MARKER)), 200);
    assert_eq!(r["total"], 2);
    let doc = s.json("/api/documents/pii-1", 200);
    let body = doc["body"].as_str().unwrap_or_default();
    assert!(body.contains("139****5678"), "{}", short(body));
    let id_masked = format!("{}********{}", &p.raw[0][..6], &p.raw[0][14..]);
    assert!(body.contains(&id_masked), "{}", short(body));
    assert!(
        doc["title"].as_str().is_some_and(|t| t.contains("139****5678")),
        "{doc}"
    );
    assert_eq!(doc["pii"]["mobiles"], 3);

    // The stored text is what was hashed: verify agrees.
    let (code, out, err) = run(&["verify", "--index", &dir.display().to_string()]);
    assert_eq!(code, 0, "{out}{err}");
}

#[test]
fn reject_and_keep_modes() {
    let p = planted();
    let (_, summary) = index("pii-reject", &p.file, &["--pii", "reject"]);
    assert_eq!(summary["indexed"], 0, "{summary}");
    assert_eq!(summary["rejected"], 2, "{summary}");
    let reasons = summary["errors"].to_string();
    assert!(reasons.contains("personal data found"), "{reasons}");
    for raw in &p.raw {
        assert!(!reasons.contains(raw.as_str()), "an error message shows {raw}");
    }

    let dir = scratch().join("pii-keep");
    let out = Command::new(bin())
        .args(["index", "--quiet", "--json", "--index"])
        .arg(&dir)
        .arg(&p.file)
        .env("GONGWEN_PII", "keep")
        .env("RUST_LOG", "warn")
        .output()
        .expect("run gongwen");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let s = Server::start(&dir, &[]);
    let doc = s.json("/api/documents/pii-1", 200);
    assert!(doc["body"].as_str().is_some_and(|b| b.contains(p.raw[1].as_str())));
    assert_eq!(doc["pii"]["mobiles"], 3, "counted even when kept");

    let (code, _, err) = run(&[
        "index",
        "--pii",
        "hide",
        "--index",
        &dir.display().to_string(),
        "x.jsonl",
    ]);
    assert_ne!(code, 0);
    assert!(err.contains("--pii"), "{err}");
}
