// The view's behaviour: details panel, filters, search, cluster overview and (under kg serve) expansion.
// Every text from an article is put in the page with textContent, never as markup.
(function () {
  "use strict";
  var SOURCES = KG.sources;
  var ICONS = KG.icons;
  var ROLE_NAMES = { agent: "who", target: "against", location: "where", instrument: "with", time: "when",
                     killed: "killed", injured: "injured", about: "about" };
  var DAY = 86400000;
  var reserve = null;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function sourceLine(index) {
    var s = SOURCES[index];
    if (!s) { return ""; }
    return [s.title || s.doc, s.source, s.published].filter(Boolean).join(" · ");
  }

  function tooltip(n) {
    var box = el("div", "kg-tip");
    var head = el("div", "head");
    var icon = el("span", null, (ICONS[n.kind] || "") + " ");
    icon.style.color = n.color;
    head.appendChild(icon);
    head.appendChild(document.createTextNode(n.fullLabel));
    box.appendChild(head);
    box.appendChild(el("div", "kind", n.kind + (n.reports ? " · incident, " + n.reports.length + " reports" : "")));
    if (n.aliases.length) { box.appendChild(el("div", "facts", "Also: " + n.aliases.join(", "))); }
    var facts = [];
    if (n.time) { facts.push("when " + n.time); }
    if (n.killed !== null && n.killed !== undefined) { facts.push(n.killed + " killed"); }
    if (n.injured !== null && n.injured !== undefined) { facts.push(n.injured + " injured"); }
    if (facts.length) { box.appendChild(el("div", "facts", facts.join(" · "))); }
    n.sentences.slice(0, 2).forEach(function (pair) {
      var quote = el("blockquote", null, pair[0]);
      quote.appendChild(el("cite", null, "— " + sourceLine(pair[1])));
      box.appendChild(quote);
    });
    box.appendChild(el("div", "kind", "Click for every fact and sentence."));
    return box;
  }

  function edgeTip(e) {
    var box = el("div", "kg-tip");
    box.appendChild(el("div", "head", e.relation));
    var from = nodes.get(e.from);
    var sentences = from ? edgeSentences(e, from) : [];
    if (sentences.length) {
      var quote = el("blockquote", null, sentences[0][0]);
      quote.appendChild(el("cite", null, "— " + sourceLine(sentences[0][1])));
      box.appendChild(quote);
    }
    return box;
  }

  function dressNode(n) { return Object.assign({}, n, { title: tooltip(n) }); }

  var nodes = new vis.DataSet(KG.nodes.map(dressNode));
  var edges = new vis.DataSet([]);
  var network = new vis.Network(document.getElementById("kg-network"), { nodes: nodes, edges: edges }, KG.options);
  edges.add(KG.edges.map(function (e) { return Object.assign({}, e, { title: edgeTip(e) }); }));
  window.kgNodes = nodes;
  window.kgEdges = edges;
  window.kgNetwork = network;
  window.kgStabilized = false;

  var status = document.getElementById("kg-status");
  var minScale = (KG.fonts.threshold - 0.5) / KG.fonts.labelled;
  network.fit({ animation: false });
  if (network.getScale() < minScale) {
    var top = KG.nodes[0];
    network.moveTo({ position: { x: top.x, y: top.y }, scale: minScale, animation: false });
  }
  network.once("afterDrawing", function () {
    status.textContent = "ready";
    window.kgStabilizedAt = performance.now();
    window.kgStabilized = true;
  });

  var physicsButton = document.getElementById("kg-physics");
  var physicsOn = false;
  physicsButton.addEventListener("click", function () {
    physicsOn = !physicsOn;
    network.setOptions({ physics: { enabled: physicsOn } });
    physicsButton.textContent = "Physics: " + (physicsOn ? "on" : "off");
  });

  // --- the reserve: what the first view left out, parsed when first needed ---------------------

  function loadReserve() {
    if (reserve) { return reserve; }
    var data = JSON.parse(document.getElementById("kg-reserve").textContent);
    reserve = { byId: {}, edgesOf: {} };
    data.nodes.forEach(function (n) {  // what the page left out of the file, derived again
      var look = KG.styles[n.kind] || KG.styles["default"];
      n.shape = look.shape; n.color = look.color; n.font = { size: KG.fonts.minor };
      n.fullLabel = n.label.replace(/\n/g, " · ");
      reserve.byId[n.id] = n;
    });
    data.edges.forEach(function (row) {
      var look = KG.edgeStyles[row[2]] || KG.edgeStyles["default"];
      var e = { id: row[0] + "|" + row[2] + "|" + row[1], from: row[0], to: row[1], label: row[2],
                relation: row[2], fact: row[3], dashes: look.dashes, arrows: "to",
                color: { color: look.colour, highlight: look.colour } };
      (reserve.edgesOf[e.from] = reserve.edgesOf[e.from] || []).push(e);
      (reserve.edgesOf[e.to] = reserve.edgesOf[e.to] || []).push(e);
    });
    return reserve;
  }

  function place(ids, around) {
    var centre = network.getPositions([around])[around] || { x: 0, y: 0 };
    ids.forEach(function (id, i) {
      var angle = i * 2.39996;
      var radius = 40 + 14 * Math.sqrt(i + 1) * 3;
      var n = reserve.byId[id];
      n.x = centre.x + radius * Math.cos(angle);
      n.y = centre.y + radius * Math.sin(angle);
    });
  }

  // Lay out nodes just added: a short run of physics with every other node held where it is,
  // then the view shows them.
  function settle(added) {
    if (!added.length) { return; }
    var fresh = {};
    added.forEach(function (id) { fresh[id] = true; });
    var others = nodes.getIds().filter(function (id) { return !fresh[id]; });
    nodes.update(others.map(function (id) { return { id: id, fixed: true }; }));
    var iterations = Math.min(100, 30 + Math.round(added.length / 2));
    window.kgSettling = true;
    network.once("stabilizationIterationsDone", function () {
      window.kgSettling = false;
      network.setOptions({ physics: { enabled: physicsOn } });
      nodes.update(others.filter(function (id) { return nodes.get(id); })  // not those removed meanwhile
        .map(function (id) { return { id: id, fixed: false }; }));
      network.fit({ nodes: added, animation: false });
    });
    network.setOptions({ physics: { enabled: true, stabilization: { enabled: true, iterations: iterations,
                                                                      updateInterval: 50, fit: false } } });
    network.stabilize(iterations);
  }

  function addFromReserve(ids, around) {
    var r = loadReserve();
    var wanted = [];
    var seen = {};
    ids.forEach(function (id) {
      if (!nodes.get(id) && r.byId[id] && !seen[id]) { wanted.push(id); seen[id] = true; }
      var n = r.byId[id] || nodes.get(id);
      if (!n || !n.facts) { return; }  // an event brings what it names; an entity comes alone
      (r.edgesOf[id] || []).forEach(function (e) {
        var other = e.from === id ? e.to : e.from;
        if (!nodes.get(other) && r.byId[other] && !seen[other]) { wanted.push(other); seen[other] = true; }
      });
    });
    place(wanted, around);
    nodes.add(wanted.map(function (id) { return dressNode(r.byId[id]); }));
    settle(wanted);
    var newEdges = [];
    wanted.forEach(function (id) {
      (r.edgesOf[id] || []).forEach(function (e) {
        if (!edges.get(e.id) && nodes.get(e.from) && nodes.get(e.to)) {
          newEdges.push(Object.assign({}, e, { title: edgeTip(e) }));
        }
      });
    });
    edges.update(newEdges);
    applyFilter();
    return wanted;
  }

  function openCluster(id) {
    var cluster = nodes.get(id);
    var waiting = cluster.members.filter(function (m) { return !nodes.get(m); });
    var batch = waiting.slice(0, 60);
    var added = addFromReserve(batch, id);
    var left = waiting.length - batch.length;
    if (left > 0) {
      nodes.update({ id: id, label: cluster.name + "\n" + left.toLocaleString() + " more",
                     fullLabel: cluster.name + " · " + left + " more" });
    } else {
      nodes.remove(id);
    }
    return added.length;
  }
  window.kgOpenCluster = openCluster;

  // --- details panel ---------------------------------------------------------------------------

  var panel = document.getElementById("kg-details");

  function quote(pair) {
    var q = el("blockquote", null, pair[0]);
    var s = SOURCES[pair[1]];
    var cite = el("cite", null, "— " + sourceLine(pair[1]) + " ");
    if (s && s.url) {
      var a = el("a", null, "open article");
      a.href = s.url; a.target = "_blank"; a.rel = "noopener noreferrer";
      cite.appendChild(a);
    }
    q.appendChild(cite);
    return q;
  }

  function quotes(box, pairs, shown) {
    pairs.slice(0, shown).forEach(function (pair) { box.appendChild(quote(pair)); });
    if (pairs.length > shown) {
      var more = el("button", "more", "Show " + (pairs.length - shown) + " more sentences");
      more.type = "button";
      more.addEventListener("click", function () {
        more.remove();
        pairs.slice(shown).forEach(function (pair) { box.appendChild(quote(pair)); });
      });
      box.appendChild(more);
    }
  }

  function linkTo(text, id) {
    var a = el("span", "link", text);
    a.addEventListener("click", function () { select(id); });
    return a;
  }

  function sourceTable(indices) {
    var table = el("table");
    indices.forEach(function (i) {
      var s = SOURCES[i];
      if (!s) { return; }
      var row = el("tr");
      var cell = el("td");
      cell.appendChild(el("strong", null, s.title || s.doc));
      cell.appendChild(el("div", null, [s.source, s.published].filter(Boolean).join(" · ")));
      if (s.url) {
        var a = el("a", null, s.url);
        a.href = s.url; a.target = "_blank"; a.rel = "noopener noreferrer";
        cell.appendChild(a);
      }
      row.appendChild(cell);
      table.appendChild(row);
    });
    return table;
  }

  function showNode(n) {
    panel.textContent = "";
    panel.dataset.id = n.id;
    var close = el("button", "close", "×");
    close.type = "button"; close.title = "Close";
    close.addEventListener("click", function () { panel.hidden = true; network.unselectAll(); });
    panel.appendChild(close);
    var head = el("h3", null, (ICONS[n.kind] || "") + " " + n.label);
    panel.appendChild(head);
    var reported = !n.reports ? "" : n.reports.length === 1 ? " · incident, one report" :
      " · incident reported " + n.reports.length + " times in " + n.src.length + " articles";
    panel.appendChild(el("div", "kind", n.kind + reported + (n.country ? " · " + n.country : "")));
    if (n.kind === "Cluster") {
      var counts = Object.keys(n.byType).map(function (k) { return n.byType[k] + " " + k; }).join(", ");
      panel.appendChild(el("p", null, n.members.length + " nodes left out of the first view: " + counts + "."));
      var open = el("button", "action", "Open this cluster");
      open.type = "button";
      open.addEventListener("click", function () { openCluster(n.id); panel.hidden = true; });
      panel.appendChild(open);
      panel.hidden = false;
      return;
    }
    if (n.aliases && n.aliases.length) {
      panel.appendChild(el("h4", null, "Also called"));
      panel.appendChild(el("div", null, n.aliases.join(", ")));
    }
    if (n.facts) {
      // Facts grouped under the sentence each was read from: the sentence (with its article), then
      // every fact it gives. A fact read from two sentences is listed under both.
      panel.appendChild(el("h4", null, "Facts, by the sentence they come from"));
      var table = el("table");
      var bySentence = [], unsourced = [];
      n.facts.forEach(function (f) {
        if (!f[3].length) { unsourced.push(f); }
        f[3].forEach(function (i) { (bySentence[i] = bySentence[i] || []).push(f); });
      });
      function factRow(f) {
        var row = el("tr");
        row.appendChild(el("th", null, ROLE_NAMES[f[0]] || f[0]));
        var cell = el("td");
        var known = f[2] && (nodes.get(f[2]) || (reserve && reserve.byId[f[2]]));
        cell.appendChild(known ? linkTo(f[1], f[2]) : el("span", null, f[1]));
        row.appendChild(cell);
        table.appendChild(row);
      }
      bySentence.forEach(function (group, i) {
        if (!group || !n.sentences[i]) { return; }
        var row = el("tr"), cell = el("td");
        cell.colSpan = 2;
        cell.appendChild(quote(n.sentences[i]));
        row.appendChild(cell);
        table.appendChild(row);
        group.forEach(factRow);
      });
      unsourced.forEach(factRow);
      panel.appendChild(table);
    }
    if (n.reports) {
      panel.appendChild(el("h4", null, "Figures by source"));
      var figures = el("table");
      n.reports.forEach(function (r) {
        var row = el("tr");
        row.appendChild(el("td", null, sourceLine(r.src)));
        row.appendChild(el("td", null, [r.killed !== null ? r.killed + " killed" : "",
          r.injured !== null ? r.injured + " injured" : "", r.time || ""].filter(Boolean).join(", ") || "no figures"));
        figures.appendChild(row);
      });
      panel.appendChild(figures);
      if (!nodes.get(n.id + "#report-0")) {
        var split = el("button", "action", "Draw its " + n.reports.length + " report" +
                       (n.reports.length === 1 ? "" : "s"));
        split.type = "button";
        split.addEventListener("click", function () { showReports(n.id); split.remove(); });
        panel.appendChild(split);
      }
    }
    if (n.src && n.src.length) {
      panel.appendChild(el("h4", null, n.src.length > 1 ? "Articles" : "Article"));
      panel.appendChild(sourceTable(n.src));
    }
    if (!n.facts) {
      var linked = network.getConnectedNodes(n.id).map(function (id) { return nodes.get(id); })
        .filter(function (m) { return m && m.facts; });
      if (linked.length) {
        panel.appendChild(el("h4", null, "Events (" + linked.length + " drawn)"));
        var list = el("div");
        linked.forEach(function (m) { list.appendChild(linkTo(m.fullLabel, m.id)); list.appendChild(el("br")); });
        panel.appendChild(list);
      }
    }
    var cited = {};  // an event's sentences already quoted above its facts are not repeated
    (n.facts || []).forEach(function (f) { f[3].forEach(function (i) { cited[i] = true; }); });
    var rest = n.sentences.filter(function (pair, i) { return !cited[i]; });
    if (rest.length) {
      panel.appendChild(el("h4", null, (n.facts ? "Other sentences (" : "Sentences (") + rest.length + ")"));
      var all = el("div");
      quotes(all, rest, 5);
      panel.appendChild(all);
    }
    if (KG.expandUrl) {
      var expand = el("button", "action", "Show its neighbours");
      expand.type = "button";
      expand.addEventListener("click", function () { expandNode(n.id); });
      panel.appendChild(expand);
    }
    panel.hidden = false;
  }

  // Reports on demand: one node per report of an incident, each with the facts read from its own
  // article (the incident's facts whose sentence comes from that source), linked to the incident.
  function showReports(id) {
    var inc = nodes.get(id);
    if (!inc || !inc.reports) { return 0; }
    var look = KG.edgeStyles.report || KG.edgeStyles["default"];
    var added = [], links = [];
    inc.reports.forEach(function (r, i) {
      var rid = id + "#report-" + i;
      if (nodes.get(rid)) { return; }
      var own = [], index = {};
      inc.sentences.forEach(function (pair, k) {
        if (pair[1] === r.src) { index[k] = own.length; own.push(pair); }
      });
      var facts = inc.facts.map(function (f) {
        var kept = f[3].filter(function (k) { return k in index; }).map(function (k) { return index[k]; });
        return kept.length ? [f[0], f[1], f[2], kept] : null;
      }).filter(Boolean);
      var style = KG.styles[r.kind] || KG.styles["default"];
      var s = SOURCES[r.src] || {};
      var label = "Report · " + (s.source || s.title || s.doc || "unknown source") +
        (s.published ? "\n" + s.published : "");
      added.push(dressNode({
        id: rid, label: label, fullLabel: label.replace(/\n/g, " · "), name: label, kind: r.kind,
        shape: style.shape, color: style.color, size: KG.sizes.min, font: { size: KG.fonts.labelled },
        aliases: [], sentences: own, facts: facts, src: r.src === null ? [] : [r.src], time: r.time,
        t0: inc.t0, t1: inc.t1, killed: r.killed, injured: r.injured, places: inc.places,
        country: inc.country, reportOf: id
      }));
      links.push({ id: rid + "|report|" + id, from: rid, to: id, label: "report", relation: "report",
                   dashes: look.dashes, arrows: "to", fact: -1,
                   color: { color: look.colour, highlight: look.colour } });
    });
    nodes.add(added);
    edges.add(links);
    settle(added.map(function (n) { return n.id; }));
    applyFilter();
    return added.length;
  }
  window.kgShowReports = showReports;

  function edgeSentences(e, from) {
    if (!from.facts || e.fact < 0 || !from.facts[e.fact]) { return from.facts ? from.sentences : []; }
    return from.facts[e.fact][3].map(function (i) { return from.sentences[i]; }).filter(Boolean);
  }

  function showEdge(e) {
    var from = nodes.get(e.from), to = nodes.get(e.to);
    panel.textContent = "";
    panel.dataset.id = e.id;
    var close = el("button", "close", "×");
    close.type = "button";
    close.addEventListener("click", function () { panel.hidden = true; network.unselectAll(); });
    panel.appendChild(close);
    panel.appendChild(el("h3", null, from.fullLabel + " — " + e.relation + " → " + to.fullLabel));
    var box = el("div");
    var sentences = edgeSentences(e, from);
    if (sentences.length) {
      panel.appendChild(el("h4", null, "Source sentence"));
      quotes(box, sentences, 3);
    } else {
      box.appendChild(el("p", null, e.relation === "inCountry" ? "From the gazetteer (GeoNames)." :
                                     e.relation === "report" ? "One report of this incident." :
                                     "The cluster this event group sits next to."));
    }
    panel.appendChild(box);
    var links = el("p");
    links.appendChild(linkTo(from.fullLabel, from.id));
    links.appendChild(document.createTextNode(" → "));
    links.appendChild(linkTo(to.fullLabel, to.id));
    panel.appendChild(links);
    panel.hidden = false;
  }

  function select(id) {
    if (!nodes.get(id)) { addFromReserve([id], network.getSelectedNodes()[0] || KG.nodes[0].id); }
    var n = nodes.get(id);
    if (!n) { return; }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.2), animation: false });
    showNode(n);
  }
  window.kgSelect = select;

  network.on("showPopup", function (id) {  // the open panel says more than the tooltip would
    var tip = document.querySelector("div.vis-tooltip");
    if (tip && !panel.hidden && panel.dataset.id === String(id)) { tip.style.visibility = "hidden"; }
  });
  network.on("click", function (params) {
    if (params.nodes.length) {
      var n = nodes.get(params.nodes[0]);
      if (n.kind === "Cluster") { openCluster(n.id); return; }
      showNode(n);
    } else if (params.edges.length) {
      showEdge(edges.get(params.edges[0]));
    } else {
      panel.hidden = true;
    }
  });

  // --- expansion under kg serve ------------------------------------------------------------------

  function expandNode(id) {
    status.textContent = "fetching neighbours…";
    return fetch(KG.expandUrl + "?node=" + encodeURIComponent(id), { headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status + " " + response.statusText); }
        return response.json();
      })
      .then(function (data) {
        var remap = data.sources.map(function (s) {
          var found = SOURCES.findIndex(function (t) { return t.doc === s.doc && t.title === s.title; });
          if (found < 0) { SOURCES.push(s); found = SOURCES.length - 1; }
          return found;
        });
        function fix(n) {
          n.sentences = n.sentences.map(function (p) { return [p[0], p[1] === null ? null : remap[p[1]]]; });
          if (n.src) { n.src = n.src.map(function (i) { return remap[i]; }); }
          if (n.reports) { n.reports.forEach(function (r) { r.src = r.src === null ? null : remap[r.src]; }); }
          return n;
        }
        var centre = network.getPositions([id])[id] || { x: 0, y: 0 };
        var fresh = data.nodes.filter(function (n) { return !nodes.get(n.id); });
        fresh.forEach(function (n, i) {
          var angle = i * 2.39996, radius = 60 + 30 * Math.sqrt(i + 1);
          n.x = centre.x + radius * Math.cos(angle); n.y = centre.y + radius * Math.sin(angle);
          n.font = { size: KG.fonts.minor };
        });
        nodes.add(fresh.map(function (n) { return dressNode(fix(n)); }));
        edges.update(data.edges.filter(function (e) { return !edges.get(e.id); })
          .map(function (e) { return Object.assign({}, e, { title: edgeTip(e) }); }));
        status.textContent = "ready · " + fresh.length + " added";
        applyFilter();
        return fresh.length;
      })
      .catch(function (error) { status.textContent = "could not fetch neighbours: " + error.message; });
  }
  window.kgExpand = expandNode;
  network.on("doubleClick", function (params) {
    if (KG.expandUrl && params.nodes.length) { expandNode(params.nodes[0]); }
  });

  // --- filters -----------------------------------------------------------------------------------

  var hiddenKinds = {};
  var fromInput = document.getElementById("kg-from"), toInput = document.getElementById("kg-to");
  var undated = document.getElementById("kg-undated");
  var placeSelect = document.getElementById("kg-place"), sourceSelect = document.getElementById("kg-source");
  var firstDay = KG.dates ? Date.parse(KG.dates[0]) / DAY : 0;
  var lastDay = KG.dates ? Date.parse(KG.dates[1]) / DAY : 0;
  [fromInput, toInput].forEach(function (input) {
    input.min = firstDay; input.max = lastDay; input.step = 1;
    input.disabled = !KG.dates;
  });
  fromInput.value = firstDay; toInput.value = lastDay;
  function iso(day) { return new Date(day * DAY).toISOString().slice(0, 10); }
  function showRange() {
    document.getElementById("kg-from-value").textContent = KG.dates ? iso(+fromInput.value) : "no dates";
    document.getElementById("kg-to-value").textContent = KG.dates ? iso(+toInput.value) : "";
  }
  showRange();
  KG.placeOptions.forEach(function (o) {
    var option = el("option", null, o[1] + " (" + o[2] + ")");
    option.value = o[0];
    placeSelect.appendChild(option);
  });
  KG.sourceOptions.forEach(function (o) {
    var option = el("option", null, o[1] + " (" + o[2] + ")");
    option.value = o[0];
    sourceSelect.appendChild(option);
  });

  function eventShown(n) {
    if (hiddenKinds[n.kind]) { return false; }
    if (!n.t0) {
      if (!undated.checked) { return false; }
    } else if (KG.dates) {
      var from = iso(+fromInput.value), to = iso(+toInput.value);
      if (n.t1 < from || n.t0 > to) { return false; }
    }
    var where = placeSelect.value;
    if (where && n.country !== where && n.places.indexOf(where) < 0) { return false; }
    var source = sourceSelect.value;
    if (source) {
      var match = n.src.some(function (i) {
        var s = SOURCES[i];
        return s && ("outlet:" + s.source === source || "article:" + s.doc === source);
      });
      if (!match) { return false; }
    }
    return true;
  }

  var counts = document.getElementById("kg-counts");
  function showCounts() {
    var drawn = nodes.get({ filter: function (n) { return n.kind !== "Cluster"; } }).length;
    var links = edges.get({ filter: function (e) { return e.relation !== "cluster"; } }).length;
    counts.textContent = drawn + " nodes · " + links + " edges · " + KG.level;
  }

  function applyFilter() {
    showCounts();
    var all = nodes.get();
    var shown = {};
    all.forEach(function (n) { if (n.facts) { shown[n.id] = eventShown(n); } });
    var entityShown = {};
    edges.forEach(function (e) {
      if (shown[e.from] && !(e.to in shown)) { entityShown[e.to] = true; }
      if (shown[e.to] && !(e.from in shown)) { entityShown[e.from] = true; }
    });
    edges.forEach(function (e) {  // a country is shown when a place in it is
      if (e.relation === "inCountry" && entityShown[e.from]) { entityShown[e.to] = true; }
    });
    var filtering = placeSelect.value || sourceSelect.value || !undated.checked ||
      +fromInput.value !== firstDay || +toInput.value !== lastDay;
    nodes.update(all.map(function (n) {
      var visible;
      if (n.kind === "Cluster") { visible = true; }
      else if (n.facts) { visible = shown[n.id]; }
      else { visible = !hiddenKinds[n.kind] && (entityShown[n.id] || (!filtering && !anyEvents(n.id))); }
      return { id: n.id, hidden: !visible };
    }));
  }
  function anyEvents(id) {
    return network.getConnectedNodes(id).some(function (other) { var m = nodes.get(other); return m && m.facts; });
  }
  window.kgApplyFilter = applyFilter;

  Array.prototype.forEach.call(document.querySelectorAll("input.kg-type"), function (box) {
    box.addEventListener("change", function () {
      hiddenKinds[box.getAttribute("data-kind")] = !box.checked;
      applyFilter();
    });
  });
  [fromInput, toInput].forEach(function (input) {
    input.addEventListener("input", function () {
      if (+fromInput.value > +toInput.value) {
        if (input === fromInput) { toInput.value = fromInput.value; } else { fromInput.value = toInput.value; }
      }
      showRange();
      applyFilter();
    });
  });
  [undated, placeSelect, sourceSelect].forEach(function (input) { input.addEventListener("change", applyFilter); });

  // --- search ------------------------------------------------------------------------------------

  var results = document.getElementById("kg-results");
  function matches(n, q) {
    if (n.fullLabel.toLowerCase().indexOf(q) >= 0 || n.name.toLowerCase().indexOf(q) >= 0) { return ""; }
    for (var i = 0; i < n.aliases.length; i++) {
      if (n.aliases[i].toLowerCase().indexOf(q) >= 0) { return "also " + n.aliases[i]; }
    }
    for (var j = 0; j < n.sentences.length; j++) {
      if (n.sentences[j][0].toLowerCase().indexOf(q) >= 0) { return n.sentences[j][0]; }
    }
    return null;
  }
  function search(query) {
    var q = query.trim().toLowerCase();
    var found = [];
    if (!q) { return found; }
    nodes.forEach(function (n) {
      if (n.kind === "Cluster") { return; }
      var hit = matches(n, q);
      if (hit !== null) { found.push({ node: n, snippet: hit, drawn: true }); }
    });
    if (q.length >= 2) {
      var r = loadReserve();
      Object.keys(r.byId).forEach(function (id) {
        if (nodes.get(id)) { return; }
        var hit = matches(r.byId[id], q);
        if (hit !== null) { found.push({ node: r.byId[id], snippet: hit, drawn: false }); }
      });
    }
    function order(hit) {  // names first, then aliases, then sentences (the events they come from first)
      if (hit.snippet === "") { return 0; }
      if (hit.snippet.indexOf("also ") === 0) { return 1; }
      return hit.node.facts ? 2 : 3;
    }
    return found.map(function (hit, i) { return [order(hit), i, hit]; })
      .sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; })
      .map(function (item) { return item[2]; });
  }
  function showResults(query) {
    var found = search(query);
    results.textContent = "";
    if (!query.trim()) { results.appendChild(el("li", "empty", "Type in the search box.")); return; }
    if (!found.length) { results.appendChild(el("li", "empty", "No match.")); }
    found.slice(0, 50).forEach(function (hit) {
      var item = el("li", "hit");
      item.appendChild(el("strong", null, hit.node.fullLabel));
      item.appendChild(document.createTextNode(" "));
      item.appendChild(el("span", "kind", hit.node.kind + (hit.drawn ? "" : " (not drawn yet)")));
      if (hit.snippet) { item.appendChild(el("span", "snippet", hit.snippet)); }
      item.addEventListener("click", function () { select(hit.node.id); });
      results.appendChild(item);
    });
    if (found.length > 50) { results.appendChild(el("li", "empty", (found.length - 50) + " more: refine the search.")); }
    network.selectNodes(found.filter(function (hit) { return hit.drawn && !nodes.get(hit.node.id).hidden; })
      .map(function (hit) { return hit.node.id; }));
  }
  document.getElementById("kg-search").addEventListener("input", function (event) {
    showResults(event.target.value);
  });
}());
