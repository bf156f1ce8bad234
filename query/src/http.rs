//! The HTTP edge: routes, extractors that turn every malformed request into the same JSON
//! error, staff authentication, and the static web page.

use std::sync::Arc;

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use tracing::{error, info_span, Instrument};

use crate::engine::{Engine, FileCheck, Scope, SearchRequest};
use crate::QueryError;

/// Shared state of the server.
#[derive(Clone)]
pub struct AppState {
    /// The engine.
    pub engine: Arc<Engine>,
    /// Staff token; staff endpoints answer 401 without it, 404 when none is configured.
    pub staff_token: Option<Arc<str>>,
}

/// Every error the API returns: `{ "message", "code", "type" }` with the status of its code.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    message: &'a str,
    code: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
}

impl ApiError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
        }
    }

    fn not_found(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", message)
    }
}

impl From<QueryError> for ApiError {
    fn from(e: QueryError) -> Self {
        match e {
            QueryError::BadRequest(m) => ApiError::new(StatusCode::BAD_REQUEST, "bad_request", m),
            QueryError::NotANumber(m) => ApiError::new(StatusCode::BAD_REQUEST, "not_a_document_number", m),
            QueryError::Open(m) | QueryError::Internal(m) => {
                // The detail goes to the log, the client gets a generic message.
                error!(error = %m, "internal error");
                ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", "internal error")
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let challenge = self.status == StatusCode::UNAUTHORIZED;
        let kind = if self.status.is_server_error() {
            "internal"
        } else {
            "invalid_request"
        };
        let body = ErrorBody {
            message: &self.message,
            code: self.code,
            kind,
        };
        let mut resp = (self.status, Json(body)).into_response();
        if challenge {
            resp.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"gongwen staff\""),
            );
        }
        resp
    }
}

/// `Query<T>` whose rejection is an [`ApiError`].
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        // The form decoder would replace bad bytes with U+FFFD and search for that; refuse.
        if !percent_decodes_to_utf8(parts.uri.query().unwrap_or_default()) {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "bad_query_string",
                "invalid query string: percent-encoded bytes are not UTF-8",
            ));
        }
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(v)) => Ok(ApiQuery(v)),
            Err(e) => Err(query_rejection(e)),
        }
    }
}

/// True when the query string, percent-decoded, is UTF-8. (`&`, `=` and `+` are ASCII, so the
/// whole string is UTF-8 exactly when every key and value is.) A `%` not followed by two hex
/// digits stays literal, as the form decoder reads it.
fn percent_decodes_to_utf8(q: &str) -> bool {
    let b = q.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |j: usize| b.get(j).and_then(|c| (*c as char).to_digit(16));
        match (b[i], hex(i + 1), hex(i + 2)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    std::str::from_utf8(&out).is_ok()
}

/// The decoder's error, said for a person: which parameter, and what it takes. See (QA
/// search pass, seventeenth session): `kind=notice&kind=policy` got "Failed to deserialize
/// query string: duplicate field `kind`", `limit=-1` "invalid digit found in string".
fn query_rejection(e: QueryRejection) -> ApiError {
    let text = e.body_text();
    let detail = text
        .strip_prefix("Failed to deserialize query string: ")
        .unwrap_or(&text);
    let message = if let Some(field) = detail
        .strip_prefix("duplicate field `")
        .and_then(|r| r.split('`').next())
    {
        format!("{field} is given more than once: give it one value")
    } else {
        match detail.split_once(": ") {
            Some((field, why)) if why.contains("invalid digit") => {
                format!("{field}: expected a whole number, 0 or more (digits only)")
            }
            Some((field, why)) if why.contains("too large") || why.contains("too small") => {
                format!("{field}: the number is out of range")
            }
            Some((field, why)) if why.starts_with("unknown variant") => {
                format!("{field}: {}", why.replacen("unknown variant", "unknown value", 1))
            }
            _ => detail.to_owned(),
        }
    };
    ApiError::new(
        StatusCode::BAD_REQUEST,
        "bad_query_string",
        format!("invalid query string: {message}"),
    )
}

/// `Path<T>` whose rejection is an [`ApiError`].
pub struct ApiPath<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned + Send> FromRequestParts<S> for ApiPath<T> {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(v)) => Ok(ApiPath(v)),
            Err(e) => Err(path_rejection(e)),
        }
    }
}

fn path_rejection(e: PathRejection) -> ApiError {
    ApiError::new(
        StatusCode::BAD_REQUEST,
        "bad_path",
        format!("invalid path: {}", e.body_text()),
    )
}

/// Run blocking engine work off the reactor, bounded by the configured timeout.
async fn blocking<T: Send + 'static>(
    state: &AppState,
    f: impl FnOnce(&Engine) -> Result<T, QueryError> + Send + 'static,
) -> Result<T, ApiError> {
    let engine = state.engine.clone();
    // A server that cannot load the newest commit shows an older state, which may hold
    // documents since made non-public: it answers nothing until it can.
    if engine.stale().is_some() {
        return Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "stale",
            "the index has a newer commit that cannot be loaded yet; try again shortly",
        ));
    }
    let timeout = engine.limits().timeout;
    let deadline = std::time::Instant::now() + timeout;
    // Work still queued when its request has timed out is not done: nobody waits for it, and
    // doing it would keep the requests after it waiting in turn. See (QA robustness pass,
    // fourteenth session): a burst of 600 requests left every search answered 503 for 21 s
    // after the burst had ended.
    let task = tokio::task::spawn_blocking(move || unless_late(deadline, || f(&engine)));
    match tokio::time::timeout(timeout, task).await {
        Ok(Ok(Ok(Some(r)))) => Ok(r),
        Ok(Ok(Ok(None))) => Err(timed_out()),
        Ok(Ok(Err(e))) => Err(ApiError::from(e)),
        Ok(Err(join)) => {
            error!(error = %join, "search task failed");
            Err(ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "internal error",
            ))
        }
        Err(_) => Err(timed_out()),
    }
}

/// `f()`, unless `deadline` has passed (`None`).
fn unless_late<T>(
    deadline: std::time::Instant,
    f: impl FnOnce() -> Result<T, QueryError>,
) -> Result<Option<T>, QueryError> {
    if std::time::Instant::now() >= deadline {
        return Ok(None);
    }
    f().map(Some)
}

fn timed_out() -> ApiError {
    ApiError::new(
        StatusCode::SERVICE_UNAVAILABLE,
        "timeout",
        "the search took too long; narrow the query",
    )
}

/// Compare in time independent of where the strings differ.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    let mut diff = (a.len() ^ b.len()) as u8 | u8::from(a.len() != b.len());
    for i in 0..a.len().max(b.len()) {
        let x = a.get(i).copied().unwrap_or(0);
        let y = b.get(i).copied().unwrap_or(0);
        diff |= x ^ y;
    }
    diff == 0
}

fn staff(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(token) = &state.staff_token else {
        return Err(ApiError::not_found("no such endpoint"));
    };
    // The scheme's name is case-insensitive (RFC 9110 11.1): `bearer` is `Bearer`.
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map_or("", |(_, token)| token.trim());
    if constant_time_eq(given.as_bytes(), token.as_bytes()) {
        Ok(())
    } else {
        Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "a valid staff token is required (Authorization: Bearer TOKEN)",
        ))
    }
}

#[derive(Deserialize)]
struct SuggestParams {
    #[serde(default)]
    q: String,
    limit: Option<usize>,
}

#[derive(Serialize)]
struct DocnumResponse {
    canonical: String,
    documents: Vec<gongwen_schema::Document>,
}

/// The public API names a document's source file by its name alone: the folders of the
/// server's disk are not the public's (`/srv/archive/2018/gov.jsonl` is `gov.jsonl`). The
/// staff endpoints and the command line show the path as given. See (QA): the public API
/// printed the indexing machine's paths.
fn public_path(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

fn public_document(mut doc: gongwen_schema::Document) -> gongwen_schema::Document {
    doc.source.path = public_path(&doc.source.path).to_owned();
    doc
}

fn public_hit_source(raw: &serde_json::value::RawValue) -> Option<Box<serde_json::value::RawValue>> {
    let mut v: serde_json::Map<String, serde_json::Value> = serde_json::from_str(raw.get()).ok()?;
    if let Some(serde_json::Value::String(p)) = v.get_mut("path") {
        if public_path(p).len() == p.len() {
            return None;
        }
        *p = public_path(p).to_owned();
    }
    serde_json::value::to_raw_value(&v).ok()
}

async fn search(State(state): State<AppState>, ApiQuery(req): ApiQuery<SearchRequest>) -> Result<Response, ApiError> {
    let mut resp = blocking(&state, move |e| e.search(&req, Scope::Public)).await?;
    for hit in &mut resp.hits {
        if let Some(source) = public_hit_source(&hit.source) {
            hit.source = source;
        }
    }
    Ok(Json(resp).into_response())
}

async fn staff_search(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiQuery(req): ApiQuery<SearchRequest>,
) -> Result<Response, ApiError> {
    staff(&state, &headers)?;
    let resp = blocking(&state, move |e| e.search(&req, Scope::Staff)).await?;
    Ok(Json(resp).into_response())
}

async fn document(State(state): State<AppState>, ApiPath(id): ApiPath<String>) -> Result<Response, ApiError> {
    document_in(state, id, Scope::Public).await
}

async fn staff_document(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiPath(id): ApiPath<String>,
) -> Result<Response, ApiError> {
    staff(&state, &headers)?;
    document_in(state, id, Scope::Staff).await
}

async fn document_in(state: AppState, id: String, scope: Scope) -> Result<Response, ApiError> {
    if id.len() > gongwen_schema::MAX_ID_BYTES {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "bad_request",
            "document id too long",
        ));
    }
    let found = blocking(&state, move |e| match e.document(&id, scope)? {
        Some(doc) => crate::cite::with_succession(e, doc, scope).map(Some),
        None => Ok(None),
    })
    .await?;
    match found {
        Some(doc) if scope == Scope::Public => Ok(Json(public_document(doc)).into_response()),
        Some(doc) => Ok(Json(doc).into_response()),
        None => Err(ApiError::not_found("no document with this id")),
    }
}

async fn docnum(State(state): State<AppState>, ApiPath(number): ApiPath<String>) -> Result<Response, ApiError> {
    let number = number.trim();
    if number.chars().count() > state.engine.limits().max_number_chars {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "not_a_document_number",
            "text too long for a document number",
        ));
    }
    let n = gongwen_schema::DocNumber::parse_pasted(number)
        .map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, "not_a_document_number", e.to_string()))?;
    let (read, documents) = blocking(&state, move |e| {
        let (read, docs) = e.by_typed_number(&n, Scope::Public)?;
        Ok((read, crate::cite::all_with_succession(e, docs, Scope::Public)?))
    })
    .await?;
    let canonical = read.canonical();
    let documents: Vec<_> = documents.into_iter().map(public_document).collect();
    if documents.is_empty() {
        return Err(ApiError::not_found(format!("no document with number {canonical}")));
    }
    Ok(Json(DocnumResponse { canonical, documents }).into_response())
}

async fn suggest(State(state): State<AppState>, ApiQuery(p): ApiQuery<SuggestParams>) -> Result<Response, ApiError> {
    let limit = p.limit.unwrap_or(8);
    let list = blocking(&state, move |e| e.suggest(&p.q, limit, Scope::Public)).await?;
    Ok(Json(serde_json::json!({ "suggestions": list })).into_response())
}

/// Liveness, and whether the index's files were found whole: a damaged file answers 503, so
/// that a monitor sees it, while searches go on being answered from what can be read.
async fn healthz(State(state): State<AppState>) -> Response {
    let docs = state.engine.num_docs(Scope::Public);
    if let Some(why) = state.engine.stale() {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(serde_json::json!({
                "status": "stale",
                "documents": docs,
                "message": format!("the index has a newer commit that cannot be loaded ({why}); searches answer 503 until it is"),
            })),
        )
            .into_response();
    }
    match state.engine.file_check() {
        FileCheck::Damaged(files) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(serde_json::json!({
                "status": "damaged",
                "documents": docs,
                "files": "damaged",
                "damaged": files,
                "message": "files of the index do not match their checksums: index the sources again into a new folder",
            })),
        )
            .into_response(),
        check => {
            let files = if check == FileCheck::Whole {
                "whole"
            } else {
                "unchecked"
            };
            Json(serde_json::json!({ "status": "ok", "documents": docs, "files": files })).into_response()
        }
    }
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    // The page, script and style sheet change only with the binary: a browser may keep them
    // a few minutes (a portal's every page view loads embed.js).
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=300")),
        ],
        body,
    )
        .into_response()
}

/// What the search page may load: its own script, style sheet and API, nothing inline and
/// nothing from elsewhere, so that text from a document can never run as script even if it
/// got past the escaping. (Framing is left open: a portal may show the page in a frame.)
const PAGE_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
     connect-src 'self'; base-uri 'none'; form-action 'self'";

/// The search page, with its content security policy.
fn page() -> Response {
    let mut resp = asset("text/html; charset=utf-8", include_str!("../assets/index.html"));
    resp.headers_mut()
        .insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(PAGE_POLICY));
    resp
}

async fn fallback() -> ApiError {
    ApiError::not_found("no such endpoint")
}

/// Every endpoint answers GET (and HEAD) only; the `Allow` header says so too.
async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "this endpoint answers GET and HEAD only",
    )
}

/// The router. Everything a request can reach is here.
pub fn app(state: AppState) -> Router {
    let body_limit = state.engine.limits().max_body_bytes;
    Router::new()
        .route("/api/search", get(search))
        .route("/api/documents/{id}", get(document))
        .route("/api/docnum/{number}", get(docnum))
        .route("/api/suggest", get(suggest))
        .route("/api/staff/search", get(staff_search))
        .route("/api/staff/documents/{id}", get(staff_document))
        .route("/api/documents/{id}/citations", get(citations))
        .route("/api/documents/{id}/status", get(doc_status))
        .route("/api/documents/{id}/interpretations", get(interpretations))
        .route("/api/check", get(check))
        .route("/api/gazette", get(gazette_issues))
        .route("/api/gazette/{year}/{number}", get(gazette_toc))
        .route("/api/catalog", get(catalog))
        .route("/healthz", get(healthz))
        .route(
            "/api/openapi.json",
            get(|| async { asset("application/json", include_str!("../assets/openapi.json")) }),
        )
        .route("/", get(|| async { page() }))
        // No icon, said once a day rather than a 404 at every page view.
        .route(
            "/favicon.ico",
            get(|| async {
                (
                    StatusCode::NO_CONTENT,
                    [(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=86400"))],
                )
                    .into_response()
            }),
        )
        .route(
            "/app.js",
            get(|| async { asset("text/javascript; charset=utf-8", include_str!("../assets/app.js")) }),
        )
        .route(
            "/embed.js",
            get(|| async { asset("text/javascript; charset=utf-8", include_str!("../assets/embed.js")) }),
        )
        .route(
            "/embed.css",
            get(|| async { asset("text/css; charset=utf-8", include_str!("../assets/embed.css")) }),
        )
        .route(
            "/style.css",
            get(|| async { asset("text/css; charset=utf-8", include_str!("../assets/style.css")) }),
        )
        .route(
            "/embed-example.html",
            get(|| async { asset("text/html; charset=utf-8", include_str!("../assets/embed-example.html")) }),
        )
        .fallback(fallback)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::extract::DefaultBodyLimit::max(body_limit))
        // Answers gzipped for a client that asks (`Accept-Encoding: gzip`): a page of hits with
        // its snippets is a few KiB of JSON, which a portal's visitors fetch at every keystroke.
        .layer(tower_http::compression::CompressionLayer::new())
        // The public API is read-only and carries no credentials, so any portal may call it
        // from its own pages (embed.js). Staff endpoints need a bearer token, which browsers
        // do not send cross-origin without an explicit header the page must set.
        .layer(
            tower_http::cors::CorsLayer::new()
                .allow_origin(tower_http::cors::Any)
                .allow_methods([axum::http::Method::GET, axum::http::Method::HEAD])
                // What a portal's own client adds to a GET (jQuery, axios); not
                // Authorization, which keeps the staff endpoints to their own pages.
                .allow_headers([
                    header::CONTENT_TYPE,
                    header::HeaderName::from_static("x-requested-with"),
                ])
                .max_age(std::time::Duration::from_secs(86_400)),
        )
        .layer(axum::middleware::from_fn(trace_request))
        .with_state(state)
}

fn checked_id(id: &str) -> Result<(), ApiError> {
    if id.len() > gongwen_schema::MAX_ID_BYTES {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "bad_request",
            "document id too long",
        ));
    }
    Ok(())
}

fn found<T: Serialize>(v: Option<T>) -> Result<Response, ApiError> {
    match v {
        Some(v) => Ok(Json(v).into_response()),
        None => Err(ApiError::not_found("no document with this id")),
    }
}

async fn citations(State(state): State<AppState>, ApiPath(id): ApiPath<String>) -> Result<Response, ApiError> {
    checked_id(&id)?;
    found(blocking(&state, move |e| crate::cite::citations(e, &id, Scope::Public)).await?)
}

async fn doc_status(State(state): State<AppState>, ApiPath(id): ApiPath<String>) -> Result<Response, ApiError> {
    checked_id(&id)?;
    found(blocking(&state, move |e| crate::cite::status(e, &id, Scope::Public)).await?)
}

async fn interpretations(State(state): State<AppState>, ApiPath(id): ApiPath<String>) -> Result<Response, ApiError> {
    checked_id(&id)?;
    let list = blocking(&state, move |e| crate::cite::interpretations(e, &id, Scope::Public)).await?;
    found(list.map(|l| serde_json::json!({ "interpretations": l })))
}

#[derive(Deserialize)]
struct CheckParams {
    #[serde(default)]
    number: String,
    title: Option<String>,
}

async fn check(State(state): State<AppState>, ApiQuery(p): ApiQuery<CheckParams>) -> Result<Response, ApiError> {
    // See (QA API pass, fifteenth session): no number said "empty document number".
    if p.number.trim().is_empty() {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "not_a_document_number",
            "number: required, the document number to check (e.g. number=国办发〔2018〕59号)",
        ));
    }
    let r = blocking(&state, move |e| {
        crate::lookup::check(e, &p.number, p.title.as_deref(), Scope::Public)
    })
    .await?;
    let r = crate::lookup::CheckResult {
        document: r.document.map(public_document),
        ..r
    };
    Ok(Json(r).into_response())
}

async fn gazette_issues(State(state): State<AppState>) -> Result<Response, ApiError> {
    let issues = blocking(&state, |e| crate::gazette::issues(e, Scope::Public)).await?;
    Ok(Json(serde_json::json!({ "issues": issues })).into_response())
}

/// `?name=` of `/api/gazette/{year}/{number}`: another gazette than the State Council's.
#[derive(Debug, Default, serde::Deserialize)]
struct GazetteName {
    name: Option<String>,
}

async fn gazette_toc(
    State(state): State<AppState>,
    ApiPath((year, number)): ApiPath<(String, String)>,
    ApiQuery(GazetteName { name }): ApiQuery<GazetteName>,
) -> Result<Response, ApiError> {
    // Each part named when it is no number. See (QA reliability pass, seventeenth session):
    // "Cannot parse value at index 0 with value `x` to a `u16`".
    let bad = |what: &str, value: &str| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "bad_path",
            format!("invalid path: the issue's {what} must be a whole number (/api/gazette/2018/4), got {value:?}"),
        )
    };
    let year: u16 = year.trim().parse().map_err(|_| bad("year", &year))?;
    let number: u32 = number.trim().parse().map_err(|_| bad("number", &number))?;
    let name = name
        .filter(|n| !n.trim().is_empty())
        .and_then(|n| gongwen_schema::GazetteRef::name_of(n.trim()));
    let what = key_text(name.as_deref(), year, number);
    match blocking(&state, move |e| {
        crate::gazette::toc(e, name.as_deref(), year, number, Scope::Public)
    })
    .await?
    {
        Some(toc) => Ok(Json(toc).into_response()),
        None => Err(ApiError::not_found(format!("no gazette issue {what}"))),
    }
}

fn key_text(name: Option<&str>, year: u16, number: u32) -> String {
    match name {
        None => format!("{year}-{number}"),
        Some(n) => format!("{year}-{number} of {n}"),
    }
}

async fn catalog(
    State(state): State<AppState>,
    ApiQuery(req): ApiQuery<crate::catalog::CatalogRequest>,
) -> Result<Response, ApiError> {
    let c = blocking(&state, move |e| crate::catalog::catalog(e, &req, Scope::Public)).await?;
    Ok(Json(c).into_response())
}

async fn trace_request(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let route = req
        .extensions()
        .get::<axum::extract::MatchedPath>()
        .map_or_else(|| "unmatched".to_string(), |p| p.as_str().to_string());
    let staff = req.uri().path().starts_with("/api/staff/");
    let span = info_span!("request", method = %req.method(), route = %route);
    async move {
        let mut resp = next.run(req).await;
        tracing::debug!(status = resp.status().as_u16(), "done");
        // No answer is to be read as another type than it says (a JSON error holding a
        // query's text is no page), and no address of the page leaks to other sites.
        let headers = resp.headers_mut();
        headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
        headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
        // What the staff see is not for any cache between them and the server.
        if staff {
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        }
        resp
    }
    .instrument(span)
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_strings_must_decode_to_utf8() {
        assert!(percent_decodes_to_utf8("q=%E6%94%BF%E5%8A%A1&limit=5"));
        assert!(percent_decodes_to_utf8("q=%ZZ%&x=%2"));
        assert!(percent_decodes_to_utf8(""));
        assert!(!percent_decodes_to_utf8("q=%FF%FE"));
        assert!(!percent_decodes_to_utf8("q=%E6%94"));
        assert!(!percent_decodes_to_utf8("q=%ED%A0%80"));
    }

    #[test]
    fn work_past_its_deadline_is_not_done() {
        let now = std::time::Instant::now();
        let mut done = false;
        let r = unless_late(now, || {
            done = true;
            Ok(1)
        });
        assert!(matches!(r, Ok(None)) && !done);
        let r = unless_late(now + std::time::Duration::from_secs(60), || Ok(1));
        assert!(matches!(r, Ok(Some(1))));
    }

    #[test]
    fn constant_time_compare() {
        assert!(constant_time_eq(b"secret", b"secret"));
        assert!(!constant_time_eq(b"secret", b"secreT"));
        assert!(!constant_time_eq(b"secret", b"secret2"));
        assert!(!constant_time_eq(b"", b"x"));
    }
}
