/**
 * The stylesheet of the extension's shadow root (markers, clause cards, the opt-out guide). It applies only
 * inside the shadow root, so it cannot touch the page, and the page's CSS cannot reach in (the host resets
 * inherited properties with `all: initial`). Kept as a JS string so it can be adopted as a constructed
 * stylesheet, which a page's Content-Security-Policy does not block. Focus rings (--tl-focus) contrast 3:1 or
 * more with the page behind them in both palettes (light: #3f3cbb on white 8.2:1; dark: #a8a6ff on #141414 8.4:1, on the dark card 7.3:1).
 */
export const UI_CSS = `
:host {
  all: initial;
  --tl-font: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  --tl-bg: #ffffff;
  --tl-bg-soft: #f6f7f9;
  --tl-text: #1d1f23;
  --tl-muted: #5b616e;
  --tl-line: #e3e5ea;
  --tl-brand: #3f3cbb;
  --tl-brand-text: #ffffff;
  --tl-brand-soft: #ecebfc;
  --tl-focus: #3f3cbb;
  --tl-high: #c5221f;
  --tl-high-soft: #fde7e5;
  --tl-high-ink: #9b1511;
  --tl-medium: #9a5700;
  --tl-medium-soft: #fff1d6;
  --tl-medium-ink: #7a4600;
  --tl-low: #1a5fb4;
  --tl-low-soft: #e3eefc;
  --tl-low-ink: #0f4589;
  --tl-good: #137333;
  --tl-good-soft: #e3f4e8;
  --tl-shadow: 0 18px 40px rgba(17, 20, 45, 0.18), 0 3px 10px rgba(17, 20, 45, 0.10);
  color-scheme: light;
}
/* The dark palette follows the page (content/colors.js), not the system: a dark page, a dark card. */
.layer[data-theme="dark"] {
  --tl-bg: #1f2126;
  --tl-bg-soft: #282b31;
  --tl-text: #eceef2;
  --tl-muted: #a9afbb;
  --tl-line: #3a3e46;
  --tl-brand: #a8a6ff;
  --tl-brand-text: #15142e;
  --tl-brand-soft: #2d2c52;
  --tl-focus: #a8a6ff;
  --tl-high: #ff8a80;
  --tl-high-soft: #4a1f1d;
  --tl-high-ink: #ffb4ab;
  --tl-medium: #ffc44d;
  --tl-medium-soft: #43340f;
  --tl-medium-ink: #ffd88a;
  --tl-low: #8ab4f8;
  --tl-low-soft: #1b2e4d;
  --tl-low-ink: #b3cefb;
  --tl-good: #81c995;
  --tl-good-soft: #1d3a26;
  --tl-shadow: 0 18px 40px rgba(0, 0, 0, 0.55), 0 3px 10px rgba(0, 0, 0, 0.4);
  color-scheme: dark;
}
* { box-sizing: border-box; }
.layer { position: absolute; top: 0; left: 0; width: 0; height: 0; font-family: var(--tl-font); }
button, input, textarea { font: inherit; color: inherit; }
button { cursor: pointer; }
:focus-visible { outline: 2px solid var(--tl-focus); outline-offset: 2px; }
[hidden] { display: none !important; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }

/* Markers: one numbered dot in the margin of each clause. */
.marker {
  position: absolute; width: 22px; height: 22px; margin: 0; padding: 0;
  display: inline-flex; align-items: center; justify-content: center;
  border: 2px solid #ffffff; border-radius: 999px;
  font: 700 11px/1 var(--tl-font); color: #ffffff; letter-spacing: 0;
  box-shadow: 0 1px 4px rgba(0, 0, 0, 0.35); z-index: 1;
  transition: transform 120ms ease;
}
.marker:hover, .marker[aria-expanded="true"] { transform: scale(1.15); }
.marker.sev-high { background: #c5221f; }
.marker.sev-medium { background: #9a5700; }
.marker.sev-low { background: #1a5fb4; }
.marker.pulse { animation: tl-pulse 900ms ease-out 2; }
/* A marker for several nearby clauses of one type: the count hangs off its corner (generated content, so the
   button's text is its number alone and its name, which says how many, contains it). */
.marker[data-badge]::after {
  content: attr(data-badge);
  position: absolute; right: -13px; bottom: -7px; min-width: 19px; padding: 1px 3px;
  border: 1px solid #ffffff; border-radius: 999px; background: #1f2328; color: #ffffff;
  font: 700 9px/1.25 var(--tl-font); text-align: center; pointer-events: none;
}
/* In the margin the badge hangs off the marker's outer corner, away from the text. An inline marker sits in
   free space measured for the marker alone (the end of a short line, the gap above one), so it shows no badge,
   which could reach the text: a double ring inside its own box says "several" (its name and title say how many). */
.marker:not(.inline)[data-badge]::after { right: auto; left: -13px; }
.marker.inline[data-badge]::after { content: none; }
.marker.inline.grouped { box-shadow: inset 0 0 0 2px #ffffff, inset 0 0 0 3px rgba(0, 0, 0, 0.45); }
@keyframes tl-pulse {
  0% { box-shadow: 0 0 0 0 rgba(63, 60, 187, 0.6); }
  100% { box-shadow: 0 0 0 14px rgba(63, 60, 187, 0); }
}
@media (prefers-reduced-motion: reduce) {
  .marker, .marker.pulse, .ring { animation: none; transition: none; }
}

/* The clause card. */
.card {
  position: absolute; z-index: 2; width: 420px; max-width: calc(100vw - 16px); max-height: min(calc(100vh - 24px), 720px);
  overflow: auto; overscroll-behavior: contain;
  background: var(--tl-bg); color: var(--tl-text);
  border: 1px solid var(--tl-line); border-radius: 14px; box-shadow: var(--tl-shadow);
  font: 400 13.5px/1.5 var(--tl-font); text-align: left;
}
.card::before { content: ""; display: block; height: 4px; border-radius: 14px 14px 0 0; background: var(--tl-sev); }
.card.sev-high { --tl-sev: var(--tl-high); --tl-sev-soft: var(--tl-high-soft); --tl-sev-ink: var(--tl-high-ink); }
.card.sev-medium { --tl-sev: var(--tl-medium); --tl-sev-soft: var(--tl-medium-soft); --tl-sev-ink: var(--tl-medium-ink); }
.card.sev-low { --tl-sev: var(--tl-low); --tl-sev-soft: var(--tl-low-soft); --tl-sev-ink: var(--tl-low-ink); }
.card-body { padding: 12px 16px 14px; }
/* The head (severity, count, Close) stays in view while a long card scrolls inside. */
.card-head {
  display: flex; align-items: center; gap: 6px; flex-wrap: wrap;
  position: sticky; top: 0; z-index: 1; margin: -12px -16px 0; padding: 12px 16px 4px; background: var(--tl-bg);
}
.pill {
  display: inline-flex; align-items: center; gap: 5px; padding: 2px 8px; border-radius: 999px;
  font: 600 11.5px/18px var(--tl-font); white-space: nowrap;
}
.pill .dot { width: 7px; height: 7px; border-radius: 999px; background: currentColor; }
.pill.sev { background: var(--tl-sev-soft); color: var(--tl-sev-ink); }
.pill.stance-bad { background: var(--tl-bg-soft); color: var(--tl-muted); }
.pill.stance-neutral { background: var(--tl-bg-soft); color: var(--tl-muted); }
.pill.stance-good { background: var(--tl-good-soft); color: var(--tl-good); }
.card-count { margin-left: auto; color: var(--tl-muted); font-size: 12px; }
.icon-button {
  display: inline-flex; align-items: center; justify-content: center; width: 28px; height: 28px;
  margin: -4px -6px -4px 0; border: 0; border-radius: 8px; background: transparent; color: var(--tl-muted);
}
.icon-button:hover { background: var(--tl-bg-soft); color: var(--tl-text); }
.card h2 { margin: 10px 0 2px; font: 650 16.5px/1.35 var(--tl-font); color: var(--tl-text); letter-spacing: -0.005em; }
.card .service { margin: 0 0 8px; color: var(--tl-muted); font-size: 12.5px; }
.card h3 {
  margin: 10px 0 2px; font: 700 11px/1.3 var(--tl-font); text-transform: uppercase; letter-spacing: 0.06em;
  color: var(--tl-muted);
}
.card p { margin: 0; }
.provenance { margin-top: 6px !important; padding: 6px 10px; border-radius: 8px; background: var(--tl-bg-soft); color: var(--tl-muted); font-size: 12.5px; }
.provenance a { color: var(--tl-brand); text-decoration: none; font-weight: 600; }
.generic-note { margin-top: 6px !important; padding: 6px 10px; border-radius: 8px; background: var(--tl-bg-soft); color: var(--tl-muted); font-size: 12.5px; }
.peers {
  display: flex; gap: 8px; align-items: flex-start; margin-top: 12px !important; padding: 8px 10px;
  border-radius: 10px; background: var(--tl-brand-soft); color: var(--tl-text); font-size: 12.5px;
}
.peers svg { flex: none; margin-top: 2px; color: var(--tl-brand); }
.actions { list-style: none; margin: 6px 0 0; padding: 0; display: grid; gap: 8px; }
.action-button {
  display: inline-flex; align-items: center; gap: 7px; max-width: 100%; padding: 7px 12px; border-radius: 9px;
  border: 1px solid var(--tl-line); background: var(--tl-bg); color: var(--tl-text);
  font: 600 13px/1.3 var(--tl-font); text-align: left;
}
.action-button:hover { border-color: var(--tl-brand); color: var(--tl-brand); }
.action-button.primary { background: var(--tl-brand); border-color: var(--tl-brand); color: var(--tl-brand-text); }
.action-button.primary:hover { filter: brightness(1.08); color: var(--tl-brand-text); }
.action-button svg { flex: none; }
.action-meta { margin: 4px 0 0 2px !important; color: var(--tl-muted); font-size: 12px; }
.action-meta strong { color: var(--tl-text); font-weight: 600; }
.caveat-list { margin: 4px 0 0 2px; font-size: 12px; color: var(--tl-muted); }
.caveat-list summary { cursor: pointer; width: fit-content; }
.caveat-list summary:hover { color: var(--tl-text); }
.caveats { margin: 4px 0 0; padding-left: 18px; color: var(--tl-muted); font-size: 12px; }
.caveats li + li { margin-top: 2px; }
details.steps { border: 1px solid var(--tl-line); border-radius: 9px; padding: 6px 10px; }
details.steps summary { cursor: pointer; font-weight: 600; font-size: 13px; }
details.steps ol { margin: 6px 0 2px; padding-left: 18px; font-size: 12.5px; }
.email-row { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; font-size: 13px; }
.email-row code { font: 500 12.5px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; padding: 2px 6px; border-radius: 6px; background: var(--tl-bg-soft); }
.small-button { border: 1px solid var(--tl-line); background: var(--tl-bg); border-radius: 7px; padding: 2px 8px; font-size: 12px; color: var(--tl-muted); }
.small-button:hover { color: var(--tl-text); border-color: var(--tl-muted); }
a.small-button { text-decoration: none; display: inline-block; }
.advice { margin: 6px 0 0; padding-left: 18px; font-size: 13px; }
.advice li + li { margin-top: 4px; }
.email-steps { margin: 6px 0 0; padding-left: 18px; color: var(--tl-muted); font-size: 12px; }
.nothing { color: var(--tl-muted); font-size: 12.5px; }
.card-foot {
  margin-top: 12px; padding-top: 8px; border-top: 1px solid var(--tl-line);
  display: flex; flex-wrap: wrap; align-items: center; gap: 4px 10px; color: var(--tl-muted); font-size: 12px;
}
.card-foot a { color: var(--tl-brand); text-decoration: none; font-weight: 600; }
.card-foot a:hover { text-decoration: underline; }
.laws { margin: 8px 0 0 !important; color: var(--tl-muted); font-size: 12px; }
.link-button { border: 0; background: none; padding: 0; color: var(--tl-muted); font-size: 12px; display: inline-flex; align-items: center; gap: 4px; }
.link-button:hover { color: var(--tl-high-ink); }
.foot-end { margin-left: auto; }
.report { margin-top: 10px; display: grid; gap: 8px; }
.report label { font-size: 12.5px; font-weight: 600; }
.report textarea {
  width: 100%; min-height: 64px; resize: vertical; padding: 8px; border-radius: 8px;
  border: 1px solid var(--tl-line); background: var(--tl-bg); color: var(--tl-text); font-size: 13px;
}
.report-row { display: flex; gap: 8px; align-items: center; }
.status, .hint { font-size: 12.5px; color: var(--tl-muted); }
.status:empty { display: none; }
.status.ok { color: var(--tl-good); font-weight: 600; }
.status.error { color: var(--tl-high-ink); }

/* The opt-out guide on a settings page. */
.guide {
  position: fixed; right: 16px; bottom: 16px; z-index: 3; width: 340px; max-width: calc(100vw - 32px);
  max-height: min(calc(100vh - 32px), 640px); overflow: auto;
  background: var(--tl-bg); color: var(--tl-text); border: 1px solid var(--tl-line); border-radius: 16px;
  box-shadow: var(--tl-shadow); font: 400 13.5px/1.5 var(--tl-font);
}
.guide-head { display: flex; gap: 10px; align-items: flex-start; padding: 14px 16px 10px; border-bottom: 1px solid var(--tl-line); }
.brand-mark {
  flex: none; width: 30px; height: 30px; border-radius: 9px; display: inline-flex; align-items: center; justify-content: center;
  background: var(--tl-brand); color: var(--tl-brand-text);
}
.guide[data-corner="bottom-left"] { right: auto; left: 16px; }
.guide[data-corner="top-right"] { bottom: auto; top: 16px; }
.guide[data-corner="top-left"] { bottom: auto; top: 16px; right: auto; left: 16px; }
.guide-titles { flex: 1; min-width: 0; }
.guide-service { margin: 1px 0 0; color: var(--tl-muted); font-size: 12.5px; }
.guide-kicker { margin: 0; font: 700 11px/1.3 var(--tl-font); letter-spacing: 0.06em; text-transform: uppercase; color: var(--tl-muted); }
.guide h2 { margin: 1px 0 0; font: 650 15.5px/1.3 var(--tl-font); }
.guide-body { padding: 12px 16px 14px; }
.progress { display: flex; align-items: center; gap: 10px; font-size: 12.5px; color: var(--tl-muted); }
.bar { flex: 1; height: 6px; border-radius: 999px; background: var(--tl-bg-soft); overflow: hidden; }
.bar > span { display: block; height: 100%; background: var(--tl-good); border-radius: 999px; }
.guide ol { list-style: none; margin: 12px 0 0; padding: 0; display: grid; gap: 8px; }
.step { display: grid; grid-template-columns: 24px 1fr; gap: 10px; align-items: start; padding: 8px 10px; border-radius: 10px; background: var(--tl-bg-soft); }
.step.done { background: var(--tl-good-soft); }
.step input { appearance: none; margin: 1px 0 0; width: 22px; height: 22px; border-radius: 999px; border: 2px solid var(--tl-muted); background: var(--tl-bg); display: grid; place-content: center; cursor: pointer; }
.step input:checked { border-color: var(--tl-good); background: var(--tl-good); }
.step input:checked::after { content: ""; width: 6px; height: 11px; border: solid #ffffff; border-width: 0 2.5px 2.5px 0; transform: translateY(-1px) rotate(45deg); }
.step-text { font-size: 13px; }
.step.done .step-text { color: var(--tl-text); }
.step-note { display: block; margin-top: 3px; color: var(--tl-good); font-size: 12px; font-weight: 600; }
.step-note.todo { color: var(--tl-brand); }
.show-me { margin-top: 6px; }
.good-to-know { margin-top: 12px; }
.good-to-know summary { cursor: pointer; font: 700 11px/1.3 var(--tl-font); letter-spacing: 0.06em; text-transform: uppercase; color: var(--tl-muted); }
.good-to-know[open] summary { margin-bottom: 4px; }
.all-done { margin-top: 12px !important; padding: 8px 10px; border-radius: 10px; background: var(--tl-good-soft); color: var(--tl-good); font-weight: 650; }

/* The flow guide (issue 15): the verdict after a reload, Do it for me, stopping with the written steps. */
.verdict { margin: 0 0 10px !important; padding: 8px 10px; border-radius: 10px; font-weight: 650; }
.verdict.verified { background: var(--tl-good-soft); color: var(--tl-good); }
.verdict.not-verified, .verdict.lapsed { background: #fde7e4; color: #8c1d18; }
.flow-status { margin: 0; font-size: 13px; }
.flow-actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 10px; }
.flow-actions button[hidden] { display: none; }
.flow-step { grid-template-columns: 22px 1fr; }
.flow-step .tick { width: 18px; height: 18px; margin-top: 2px; border-radius: 999px; border: 2px solid var(--tl-muted); }
.flow-step.done .tick { border-color: var(--tl-good); background: var(--tl-good); }
.flow-step .step-note { color: var(--tl-muted); font-weight: 500; }
.stopped { margin-top: 8px; }
.stopped[hidden] { display: none; }
.stop-reason { margin: 0 0 6px !important; padding: 8px 10px; border-radius: 10px; background: #fde7e4; color: #8c1d18; font-weight: 600; }
.guide ol.written-steps { list-style: decimal; padding-left: 20px; display: block; margin-top: 4px; }
.guide ol.written-steps li { margin: 3px 0; }
.expect h3, .faq h3 { margin: 14px 0 4px; font: 700 11px/1.3 var(--tl-font); letter-spacing: 0.06em; text-transform: uppercase; color: var(--tl-muted); }
.expect ul { margin: 0; padding-left: 18px; font-size: 12.5px; }
.faq details { font-size: 12.5px; margin: 4px 0; }
.faq summary { cursor: pointer; font-weight: 600; }
.faq-q { margin: 6px 0 0 !important; font-weight: 600; }
.faq-a { margin: 2px 0 0 !important; }
.gpc { margin-top: 10px; padding: 8px 10px; border-radius: 10px; background: var(--tl-bg-soft); font-size: 12.5px; }
.gpc h3 { margin-top: 0 !important; }

/* The ring drawn around the control a step names. */
.ring {
  position: absolute; z-index: 2; pointer-events: none; border-radius: 12px;
  border: 3px solid #3f3cbb; box-shadow: 0 0 0 4px rgba(63, 60, 187, 0.25);
  animation: tl-ring 1.4s ease-in-out infinite;
}
.ring.done { border-color: #137333; box-shadow: 0 0 0 4px rgba(19, 115, 51, 0.25); animation: none; }
.ring-label {
  position: absolute; left: 0; top: calc(100% + 6px); white-space: nowrap; padding: 3px 8px; border-radius: 7px;
  background: #3f3cbb; color: #ffffff; font: 600 12px/1.4 var(--tl-font); box-shadow: 0 2px 8px rgba(0, 0, 0, 0.2);
}
.ring.done .ring-label { background: #137333; }
@keyframes tl-ring {
  0%, 100% { box-shadow: 0 0 0 3px rgba(63, 60, 187, 0.25); }
  50% { box-shadow: 0 0 0 9px rgba(63, 60, 187, 0.08); }
}

/* What changed since the reader last read the page: violet, never a severity colour. */
.marker.change { background: #5b3cc4; font-size: 13px; }
.marker.change.material { background: #3d1f9e; box-shadow: 0 0 0 2px #ffffff, 0 0 0 4px #5b3cc4; }
.pill.change { background: #efeafd; color: #3d1f9e; }
.pill.matters { background: #3d1f9e; color: #ffffff; }
.change-card h2 { font-size: 15px; }
.change-card .reasons { margin: 0; padding-left: 18px; }
.change-card .reasons li { margin: 2px 0; }
.change-card .quote { padding: 6px 10px; border-left: 3px solid #5b3cc4; background: var(--tl-bg-soft); }
.word-diff { line-height: 1.6; padding: 6px 10px; border-radius: 8px; background: var(--tl-bg-soft); max-height: 240px; overflow: auto; }
.word-diff del { background: #fde7e5; color: #9b1511; text-decoration: line-through; }
.word-diff ins { background: #e3f4e8; color: #0d5524; text-decoration: underline; }
.change-card .card-foot { align-items: center; gap: 10px; }
.change-notice {
  position: fixed; bottom: 16px; right: 16px; z-index: 3; display: flex; align-items: center; gap: 8px; max-width: min(560px, calc(100vw - 24px));
  padding: 8px 12px; border-radius: 12px; background: var(--tl-bg); color: var(--tl-text); border: 1px solid #c9bdf4;
  box-shadow: var(--tl-shadow); font: 13px/1.4 var(--tl-font);
}
.change-notice svg { flex: none; color: #5b3cc4; }
.change-notice.material { border-color: #5b3cc4; }
.change-notice .notice-text { flex: 1; }
.change-notice .notice-more { color: var(--tl-muted); }
.change-notice .status { color: var(--tl-high-ink); }

/* A record whose wording here is not the wording TermsLens checked. */
.wording-notice { margin: 8px 0 4px; padding: 8px 10px; border-radius: 10px; background: #efeafd; color: #2a1670; font-size: 12.5px; }
.wording-notice.changed { background: #fff1d6; color: #5a3400; border: 1px solid #e6b54a; }
.wording-notice strong { display: block; margin-bottom: 2px; }
.wording-notice ul { margin: 4px 0 0; padding-left: 18px; }
.wording-notice details { margin-top: 4px; }
.wording-notice summary { cursor: pointer; font-weight: 600; }
.card h2 .as-checked { display: block; font: 600 12px/1.3 var(--tl-font); color: var(--tl-muted); }
.card .claims-caveat { margin: 6px 0 0; color: var(--tl-muted); font-style: italic; font-size: 12.5px; }
`;
