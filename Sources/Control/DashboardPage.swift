/// The dashboard: one self-contained page (no external scripts, styles or fonts), served at `/`.
///
/// It reads the API like any client: `/api/actions` for the buttons and forms, `/api/stations`
/// for the list and the loop's lag, and each station's event stream for its state (`status`,
/// once a second) and its trace records (RAPI lines, MQTT commands, station events). Charts are
/// SVG polylines over the station's simulated time, the last hour of what the page has seen.
/// A `?token=` in the page's URL is passed on to every request.
enum DashboardPage {
    static let html = #"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>evsesim dashboard</title>
        <link rel="icon" href="data:,">
        <style>
        :root { --bg:#f4f5f7; --card:#fff; --ink:#1d2330; --muted:#6b7280; --line:#d9dce3; --accent:#0b6bcb; --bad:#c62828; --good:#2e7d32; }
        * { box-sizing: border-box; }
        body { margin:0; font:14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background:var(--bg); color:var(--ink); }
        header { display:flex; gap:1.5em; align-items:baseline; padding:.7em 1.2em; background:#1d2330; color:#fff; }
        header h1 { font-size:1.1em; margin:0; }
        header span { color:#c9d1e0; }
        main { display:grid; grid-template-columns:repeat(auto-fill, minmax(620px, 1fr)); gap:1em; padding:1em; }
        .station { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:1em; }
        .station h2 { margin:0 0 .5em; font-size:1.05em; display:flex; gap:.8em; align-items:baseline; }
        .station h2 small { color:var(--muted); font-weight:normal; }
        .big { font-size:1.6em; font-weight:600; padding:0 .35em; border-radius:4px; background:#e8eef8; }
        .big.C { background:#d8f0da; } .big.fault { background:#f9d6d6; }
        .figures { display:grid; grid-template-columns:repeat(5, 1fr); gap:.4em .8em; margin:.5em 0; }
        .figure { border-left:3px solid var(--line); padding-left:.4em; }
        .figure b { display:block; font-size:1.15em; font-variant-numeric: tabular-nums; }
        .figure span { color:var(--muted); font-size:.85em; }
        .errors { color:var(--bad); min-height:1.2em; }
        .charts { display:grid; grid-template-columns:1fr 1fr; gap:.5em; margin:.6em 0; }
        .chart { border:1px solid var(--line); border-radius:4px; padding:.2em .4em; }
        .chart .title { font-size:.8em; color:var(--muted); display:flex; justify-content:space-between; }
        .chart svg { width:100%; height:80px; display:block; }
        .actions { display:flex; flex-wrap:wrap; gap:.3em; margin:.5em 0; }
        button { font:inherit; padding:.25em .7em; border:1px solid var(--accent); background:#fff; color:var(--accent); border-radius:4px; cursor:pointer; }
        button:hover { background:var(--accent); color:#fff; }
        form.param { display:flex; flex-wrap:wrap; gap:.4em; align-items:center; margin:.3em 0; }
        form.param label { color:var(--muted); font-size:.9em; }
        select, input { font:inherit; padding:.15em .3em; }
        .result { font-size:.85em; min-height:1.2em; white-space:pre-wrap; }
        .result.bad { color:var(--bad); } .result.good { color:var(--good); }
        .logs { display:grid; grid-template-columns:1fr 1fr 1fr; gap:.5em; }
        .log h3 { font-size:.85em; margin:.3em 0; color:var(--muted); }
        .log ol { list-style:none; margin:0; padding:0; font:12px/1.35 ui-monospace, monospace; max-height:11em; overflow:auto; }
        .log li { white-space:nowrap; overflow:hidden; text-overflow:ellipsis; }
        .log li i { color:var(--muted); font-style:normal; }
        </style>
        </head>
        <body>
        <header><h1>evsesim</h1><span id="clock">connecting…</span><span id="lag"></span></header>
        <main id="stations"></main>
        <script>
        "use strict";
        const query = new URLSearchParams(location.search);
        const token = query.get("token");
        const withToken = (path) => token ? path + (path.includes("?") ? "&" : "?") + "token=" + encodeURIComponent(token) : path;
        const HOUR = 3600;
        const FIGURES = [
          ["pilot", "pilot", (v) => v ?? "–"],
          ["relay", "relay", (v) => v ?? "–"],
          ["offered.amps", "offered", (v) => num(v, 1, "A")],
          ["vehicle.current", "drawn", (v) => num(v, 1, "A")],
          ["meter.power", "power", (v) => num(v / 1000, 2, "kW")],
          ["vehicle.soc", "SoC", (v) => v == null ? "–" : (v * 100).toFixed(1) + " %"],
          ["session.energy", "session energy", (v) => num(v, 1, "Wh")],
          ["meter.energy", "energy", (v) => num(v, 1, "Wh")],
          ["temperature", "temperature", (v) => num(v, 1, "°C")],
          ["everest.phase", "EVerest", (v) => v ?? "–"],
        ];
        const CHARTS = [
          ["power", "kW", [["meter.power", "#0b6bcb", (v) => v / 1000]]],
          ["current", "A", [["offered.amps", "#9aa4b5", (v) => v], ["vehicle.current", "#e07b00", (v) => v]]],
          ["SoC", "%", [["vehicle.soc", "#2e7d32", (v) => v * 100]]],
          ["temperature", "°C", [["temperature", "#c62828", (v) => v]]],
        ];
        let catalog = [];
        const stations = new Map();

        function num(v, digits, unit) { return v == null ? "–" : Number(v).toFixed(digits) + " " + unit; }
        function el(tag, attrs = {}, ...children) {
          const e = document.createElement(tag);
          for (const [k, v] of Object.entries(attrs)) { if (k === "class") e.className = v; else e.setAttribute(k, v); }
          for (const c of children) e.append(c);
          return e;
        }
        async function api(path, options = {}) {
          const headers = Object.assign({}, options.headers || {});
          if (token) headers["Authorization"] = "Bearer " + token;
          const response = await fetch(path, Object.assign({}, options, { headers }));
          return { status: response.status, body: await response.json() };
        }

        function buildStation(s) {
          const id = "station-" + s.index;
          const card = el("section", { class: "station", id, "data-index": String(s.index) });
          const state = el("span", { class: "big", "data-field": "evse.state" }, "–");
          card.append(el("h2", {}, "Station " + s.index, state, el("small", {}, s.evseId + (s.pty ? " · " + s.pty : ""))));
          const figures = el("div", { class: "figures" });
          for (const [key, label] of FIGURES) {
            figures.append(el("div", { class: "figure" }, el("b", { "data-field": key }, "–"), el("span", {}, label)));
          }
          card.append(figures, el("div", { class: "errors", "data-field": "errors" }));
          const charts = el("div", { class: "charts" });
          const chartViews = [];
          for (const [title, unit, series] of CHARTS) {
            const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
            svg.setAttribute("viewBox", "0 0 300 80");
            svg.setAttribute("preserveAspectRatio", "none");
            const range = el("span", {}, "");
            charts.append(el("div", { class: "chart", "data-chart": title }, el("div", { class: "title" }, el("span", {}, title + " (" + unit + ")"), range), svg));
            chartViews.push({ svg, range, series });
          }
          card.append(charts);
          const quick = el("div", { class: "actions" });
          const form = el("form", { class: "param" });
          for (const action of catalog) {
            if (Object.keys(action.parameters).length === 0) {
              const b = el("button", { type: "button", "data-action": action.do }, action.do);
              b.addEventListener("click", () => perform(s.index, { do: action.do }));
              quick.append(b);
            }
          }
          const choose = el("select", { "data-role": "action" });
          for (const action of catalog) if (Object.keys(action.parameters).length > 0) choose.append(el("option", { value: action.do }, action.do));
          const inputs = el("span", {});
          choose.addEventListener("change", () => fillInputs(choose.value, inputs));
          form.append(el("label", {}, "action"), choose, inputs, el("button", { type: "submit" }, "apply"));
          form.addEventListener("submit", (e) => { e.preventDefault(); perform(s.index, readForm(choose.value, inputs)); });
          fillInputs(choose.value, inputs);
          const result = el("div", { class: "result", "data-field": "result" });
          card.append(quick, form, result);
          const logs = el("div", { class: "logs" });
          const rapi = el("ol"), mqtt = el("ol"), events = el("ol");
          logs.append(el("div", { class: "log" }, el("h3", {}, "RAPI lines"), rapi), el("div", { class: "log" }, el("h3", {}, "MQTT commands & control actions"), mqtt), el("div", { class: "log" }, el("h3", {}, "station events"), events));
          card.append(logs);
          document.getElementById("stations").append(card);
          const view = { card, charts: chartViews, history: [], logs: { rapi, mqtt, events }, result };
          stations.set(s.index, view);
          show(view, s);
          listen(s.index, view);
        }

        function fillInputs(name, inputs) {
          inputs.replaceChildren();
          const action = catalog.find((a) => a.do === name);
          if (!action) return;
          for (const [key, schema] of Object.entries(action.parameters)) {
            let input;
            if (schema.enum) {
              input = el("select", { name: key });
              if (!action.required.includes(key)) input.append(el("option", { value: "" }, "(none)"));
              for (const v of schema.enum) input.append(el("option", { value: JSON.stringify(v) }, String(v)));
            } else if (schema.type === "boolean") {
              input = el("select", { name: key }, el("option", { value: "true" }, "true"), el("option", { value: "false" }, "false"));
            } else {
              input = el("input", { name: key, size: "6", placeholder: schema.type === "string" ? "30s" : "0" });
              input.dataset.type = schema.type;
            }
            inputs.append(el("label", {}, key), input);
          }
        }

        function readForm(name, inputs) {
          const body = { do: name };
          for (const input of inputs.querySelectorAll("select, input")) {
            if (input.value === "") continue;
            if (input.tagName === "SELECT") body[input.name] = JSON.parse(input.value);
            else if (input.dataset.type === "string") body[input.name] = input.value;
            else body[input.name] = Number.isNaN(Number(input.value)) ? input.value : Number(input.value);
          }
          return body;
        }

        async function perform(index, body) {
          const view = stations.get(index);
          try {
            const { status, body: reply } = await api("/api/stations/" + index + "/actions", {
              method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
            if (status === 200) {
              view.result.className = "result good";
              view.result.textContent = "applied " + JSON.stringify(reply.applied) + " at t=" + reply.t + " s";
              show(view, reply.station);
            } else {
              view.result.className = "result bad";
              view.result.textContent = reply.error + (reply.issues ? "\n" + reply.issues.join("\n") : "");
            }
          } catch (error) {
            view.result.className = "result bad";
            view.result.textContent = String(error);
          }
        }

        function show(view, s) {
          const state = s.state;
          const big = view.card.querySelector('[data-field="evse.state"]');
          big.textContent = state["evse.state"] ?? "–";
          big.className = "big " + (state["evse.state"] === "C" ? "C" : state["evse.hardFault"] ? "fault" : "");
          for (const [key, , format] of FIGURES) {
            const value = key === "vehicle.soc" && !state["vehicle.connected"] ? null : state[key];
            view.card.querySelector('[data-field="' + key + '"]').textContent = format(value);
          }
          view.card.querySelector('[data-field="errors"]').textContent = s.errors.length ? "errors: " + s.errors.join(", ") : "";
          const last = view.history[view.history.length - 1];
          if (!last || s.t > last.t) view.history.push({ t: s.t, state });
          while (view.history.length && view.history[0].t < s.t - HOUR) view.history.shift();
          draw(view);
        }

        function draw(view) {
          const h = view.history;
          if (!h.length) return;
          const t1 = h[h.length - 1].t, t0 = Math.max(h[0].t, t1 - HOUR);
          const span = Math.max(t1 - t0, 1);
          for (const chart of view.charts) {
            let lo = Infinity, hi = -Infinity;
            const lines = chart.series.map(([key, color, scale]) => {
              const points = [];
              for (const p of h) {
                const v = p.state[key];
                // An unplugged EV has no SoC to chart (the model reads 0).
                if (v == null || (key === "vehicle.soc" && !p.state["vehicle.connected"])) continue;
                const y = scale(v);
                lo = Math.min(lo, y); hi = Math.max(hi, y);
                points.push([p.t, y]);
              }
              return { color, points };
            });
            if (lo === Infinity) { lo = 0; hi = 1; }
            if (hi - lo < 1e-9) { hi = lo + 1; lo = lo - (lo === 0 ? 0 : 1); }
            const parts = [];
            for (const { color, points } of lines) {
              const text = points.map(([t, y]) => ((t - t0) / span * 300).toFixed(1) + "," + (78 - (y - lo) / (hi - lo) * 76).toFixed(1)).join(" ");
              parts.push('<polyline fill="none" stroke="' + color + '" stroke-width="1.5" vector-effect="non-scaling-stroke" points="' + text + '"/>');
            }
            chart.svg.innerHTML = '<rect x="0" y="0" width="300" height="80" fill="#fafbfc"/>' + parts.join("");
            chart.range.textContent = lo.toFixed(1) + " … " + hi.toFixed(1) + " · last " + Math.round(span / 60) + " min";
          }
        }

        function log(list, text, t) {
          const item = el("li", {}, el("i", {}, Number(t).toFixed(1).padStart(8) + " "), text);
          list.prepend(item);
          while (list.children.length > 40) list.lastChild.remove();
        }

        function record(view, r) {
          const line = (text) => text.replace(/\\r$/, "");
          if (r.kind === "rapi.in") log(view.logs.rapi, "→ " + line(r.line), r.t);
          else if (r.kind === "rapi.out") log(view.logs.rapi, "← " + line(r.line), r.t);
          else if (r.kind === "mqtt.receive") log(view.logs.mqtt, r.topic.split("/").slice(-1)[0] + " " + JSON.stringify(r.payload) + " → " + r.result, r.t);
          else if (r.kind === "input.control") log(view.logs.mqtt, "control " + JSON.stringify(r.action), r.t);
          else if (r.src === "station") {
            const rest = Object.entries(r).filter(([k]) => !["t", "src", "kind", "station"].includes(k)).map(([k, v]) => k + "=" + JSON.stringify(v)).join(" ");
            log(view.logs.events, r.kind + " " + rest, r.t);
          }
        }

        function listen(index, view) {
          const source = new EventSource(withToken("/api/stations/" + index + "/events"));
          source.addEventListener("status", (e) => show(view, JSON.parse(e.data)));
          source.addEventListener("record", (e) => record(view, JSON.parse(e.data)));
        }

        async function refresh() {
          try {
            const { body } = await api("/api/stations");
            document.getElementById("clock").textContent = "simulated t = " + body.t.toFixed(1) + " s · " + body.stations.length + " station" + (body.stations.length === 1 ? "" : "s");
            document.getElementById("lag").textContent = "loop lag " + body.lagMs.toFixed(1) + " ms";
            return body;
          } catch (error) {
            document.getElementById("clock").textContent = "disconnected (" + error + ")";
            return null;
          }
        }

        async function start() {
          catalog = (await api("/api/actions")).body.actions;
          const list = await refresh();
          if (list) for (const s of list.stations) buildStation(s);
          setInterval(refresh, 2000);
        }
        start();
        </script>
        </body>
        </html>
        """#
}
