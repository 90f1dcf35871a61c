/** The report's stylesheet, inlined: the file must open anywhere, offline, with nothing beside it. */
export const STYLE = `
:root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg2: #f6f8fa; --ok: #1a7f37; --bad: #cf222e; --warn: #9a6700; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: var(--fg); background: #fff; }
main { max-width: 1120px; margin: 0 auto; padding: 12px 24px 48px; }
header.top { border-bottom: 1px solid var(--line); margin-bottom: 8px; }
h1 { font-size: 22px; margin: 12px 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
nav a { margin-right: 14px; }
.muted, .note { color: var(--muted); } .note { font-size: 12.5px; margin: 4px 0; }
table.data { border-collapse: collapse; margin: 6px 0 10px; font-size: 13px; }
table.data th, table.data td { border: 1px solid var(--line); padding: 3px 8px; text-align: right; vertical-align: top; }
table.data th:first-child, table.data td:first-child { text-align: left; }
table.data thead th { background: var(--bg2); }
.swatch { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 5px; vertical-align: -1px; }
figure { margin: 8px 0 16px; } figcaption { font-weight: 600; margin-bottom: 4px; }
svg.chart { max-width: 100%; height: auto; font: 12px system-ui, "DejaVu Sans", sans-serif; }
svg.chart text { fill: var(--fg); } svg.chart .tick, svg.chart .axlabel { fill: var(--muted); }
svg.chart .grid { stroke: #e6e9ec; } svg.chart .zero { stroke: #57606a; } svg.chart .axis { stroke: #8c959f; } svg.chart .stripe { fill: #f6f8fa; }
svg.chart .whisker { stroke: #24292f; stroke-width: 1.4; fill: none; } svg.chart .val { font-size: 11px; } svg.chart .na { fill: var(--muted); }
svg.chart .bar:hover rect { opacity: .8; }
.filters { position: sticky; top: 0; background: #fff; padding: 8px 0; border-bottom: 1px solid var(--line); z-index: 1; display: flex; flex-wrap: wrap; gap: 8px 14px; align-items: center; }
.filters button { font: inherit; padding: 3px 10px; border: 1px solid var(--line); background: var(--bg2); border-radius: 14px; cursor: pointer; }
.filters button[aria-pressed="true"] { background: #0969da; border-color: #0969da; color: #fff; }
#f-count { font-weight: 600; }
.item { border: 1px solid var(--line); border-radius: 6px; margin: 10px 0; padding: 8px 10px; }
.item > .head { font-size: 13px; color: var(--muted); margin-bottom: 4px; } .item > .head b { color: var(--fg); }
.tag { display: inline-block; font-size: 11px; padding: 0 6px; border-radius: 8px; background: var(--bg2); border: 1px solid var(--line); margin-left: 4px; }
.tag.flip { background: #fff8c5; border-color: #d4a72c; }
.q { display: flex; gap: 10px; align-items: flex-start; }
/* One display height whatever the stored size (the bytes are never resized); a click shows it larger. */
.thumbs { max-width: 40%; }
.thumbs img { height: 96px; width: auto; max-width: 200px; object-fit: contain; image-rendering: pixelated; border: 1px solid var(--line); margin: 0 4px 4px 0; cursor: zoom-in; background: var(--bg2); }
.thumbs img.big { height: auto; width: auto; max-width: 100%; min-width: 240px; cursor: zoom-out; }
pre { white-space: pre-wrap; word-break: break-word; margin: 0; font: 12.5px/1.4 ui-monospace, "DejaVu Sans Mono", monospace; }
pre.question { flex: 1; background: var(--bg2); padding: 6px 8px; border-radius: 4px; }
table.answers { width: 100%; border-collapse: collapse; margin-top: 6px; font-size: 13px; }
table.answers td, table.answers th { border-top: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top; }
table.answers th { width: 170px; font-weight: 600; }
.verdict { white-space: nowrap; width: 190px; } .right .verdict { color: var(--ok); } .wrong .verdict, .failed .verdict { color: var(--bad); } .unscored .verdict { color: var(--warn); }
.reason { color: var(--bad); font-size: 12.5px; }
details > summary { cursor: pointer; color: var(--muted); }
table.compare td:nth-child(-n+3) { text-align: left; }
table.compare td.up { color: var(--ok); font-weight: 600; } table.compare td.down { color: var(--bad); font-weight: 600; }
`;
