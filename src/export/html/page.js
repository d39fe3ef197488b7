/* newsgraph's HTML view. Reads the graph from the JSON block #ng-data,
   draws the busiest nodes with cytoscape.js (more on request), and wires
   the search, the filters, the lists written in the page and the details
   panel. Text from the data always goes in as text (textContent), never as
   markup. No request leaves the page: everything it needs is inline. */
(function () {
  'use strict';
  var root = document.documentElement;
  var D = JSON.parse(document.getElementById('ng-data').textContent);
  var N = D.nodes, E = D.edges, DOCS = D.docs, SENT = D.sentences;
  /* How many nodes a draw adds: enough to see the story, few enough that
     the layout takes well under a second. */
  var STEP = 150;
  var COMENTION = 0;
  D.relations.forEach(function (r, i) { if (!r.typed) { COMENTION = i; } });

  /* Per node: its edges, its degree, a lower-case text to search. */
  var adj = N.map(function () { return []; });
  var relCount = D.relations.map(function () { return 0; });
  E.forEach(function (e, j) {
    if (adj[e[0]]) { adj[e[0]].push(j); }
    if (adj[e[1]] && e[1] !== e[0]) { adj[e[1]].push(j); }
    relCount[e[2]] = (relCount[e[2]] || 0) + 1;
  });
  var hay = N.map(function (n) { return (n.l + '\u0001' + n.a.join('\u0001')).toLowerCase(); });
  /* Busiest first: mentions, then edges, then the order of the data. */
  var order = N.map(function (_, i) { return i; });
  order.sort(function (a, b) { return (N[b].m - N[a].m) || (adj[b].length - adj[a].length) || (a - b); });

  var typedCount = 0;
  relCount.forEach(function (c, i) { if (D.relations[i].typed) { typedCount += c; } });
  /* Co-mentions are off when they outnumber the typed relations: they
     would hide them. */
  var comentionDefault = typedCount === 0 || relCount[COMENTION] <= typedCount;

  var S;
  function defaults() {
    S = {
      kinds: D.kinds.map(function () { return true; }),
      rels: D.relations.map(function (r, i) { return i === COMENTION ? comentionDefault : true; }),
      doc: -1, from: '', to: '', nonfact: false, limit: STEP,
      extra: {}, selected: null
    };
  }
  defaults();

  function $(id) { return document.getElementById(id); }
  function el(tag, text, cls) {
    var x = document.createElement(tag);
    if (text !== undefined && text !== null) { x.textContent = String(text); }
    if (cls) { x.className = cls; }
    return x;
  }

  /* ---- filters ---- */
  function lowDay(s) { return s.length === 4 ? s + '-01-01' : s.length === 7 ? s + '-01' : s; }
  function highDay(s) { return s.length === 4 ? s + '-12-31' : s.length === 7 ? s + '-31' : s; }
  function isIso(s) { return /^\d{4}(-\d{2}(-\d{2})?)?$/.test(s || ''); }
  function inRange(ev) {
    if (!S.from && !S.to) { return true; }
    if (!ev || !isIso(ev.start)) { return false; }
    var lo = lowDay(ev.start), hi = highDay(isIso(ev.end) ? ev.end : ev.start);
    return (!S.from || hi >= S.from) && (!S.to || lo <= S.to);
  }
  function factualOk(n) { return !n.e || S.nonfact || D.statuses[n.e.s].factual; }
  function passes(i) {
    var n = N[i];
    if (!S.kinds[n.k] || !factualOk(n)) { return false; }
    if (S.doc >= 0 && n.d.indexOf(S.doc) < 0) { return false; }
    if (n.e && !inRange(n.e)) { return false; }
    return true;
  }
  function edgePasses(e) {
    return S.rels[e[2]] && (S.doc < 0 || e[4].indexOf(S.doc) >= 0);
  }

  /* ---- drawing ---- */
  var cy = cytoscape({
    container: $('graph'),
    minZoom: 0.05, maxZoom: 6, wheelSensitivity: 0.3,
    textureOnViewport: true, hideEdgesOnViewport: N.length > 2000,
    style: [
      { selector: 'node', style: {
        'background-color': 'data(color)', 'shape': 'data(shape)',
        'width': 'data(size)', 'height': 'data(size)', 'label': 'data(label)',
        'font-size': 18, 'min-zoomed-font-size': 5, 'text-valign': 'bottom', 'text-margin-y': 2,
        'text-outline-color': '#fff', 'text-outline-width': 2, 'color': '#222',
        'text-wrap': 'ellipsis', 'text-max-width': 160, 'border-width': 1, 'border-color': '#fff' } },
      { selector: 'node.nonfact', style: { 'border-style': 'dashed', 'border-color': '#900', 'border-width': 2, 'background-opacity': 0.5 } },
      { selector: 'edge', style: {
        'width': 'data(width)', 'line-color': 'data(color)', 'curve-style': 'bezier',
        'target-arrow-shape': 'triangle', 'target-arrow-color': 'data(color)', 'arrow-scale': 0.8,
        'label': 'data(label)', 'font-size': 9, 'min-zoomed-font-size': 9, 'color': '#555',
        'text-rotation': 'autorotate', 'text-outline-color': '#fff', 'text-outline-width': 2 } },
      { selector: 'edge.co', style: { 'line-style': 'dashed', 'target-arrow-shape': 'none', 'label': '',
        'curve-style': 'haystack', 'opacity': 0.55 } },
      { selector: '.faded', style: { 'opacity': 0.12, 'text-opacity': 0.2 } },
      { selector: 'node.hl', style: { 'border-color': '#111', 'border-width': 3, 'z-index': 10 } },
      { selector: 'edge.hl', style: { 'width': 3, 'z-index': 10, 'opacity': 1 } },
      { selector: ':selected', style: { 'border-color': '#f59f00', 'border-width': 4, 'line-color': '#f59f00' } }
    ]
  });
  var pos = {};

  function picked() {
    var out = [], seen = {};
    for (var k = 0; k < order.length && out.length < S.limit; k++) {
      if (passes(order[k])) { out.push(order[k]); seen[order[k]] = true; }
    }
    Object.keys(S.extra).forEach(function (i) { i = +i; if (!seen[i]) { out.push(i); seen[i] = true; } });
    return { list: out, set: seen };
  }

  /* A place for a node drawn for the first time: near a neighbour already
     placed, else on a spiral; deterministic, so a page opens the same way. */
  function place(i, set, k) {
    for (var a = 0; a < adj[i].length; a++) {
      var e = E[adj[i][a]], o = e[0] === i ? e[1] : e[0];
      if (set[o] && pos[o]) {
        var t = (i * 2.399963) % (2 * Math.PI);
        return { x: pos[o].x + 40 * Math.cos(t), y: pos[o].y + 40 * Math.sin(t) };
      }
    }
    var r = 30 * Math.sqrt(k + 1), th = k * 2.399963;
    return { x: r * Math.cos(th), y: r * Math.sin(th) };
  }

  function draw() {
    var p = picked(), els = [];
    p.list.forEach(function (i, k) {
      var n = N[i], kind = D.kinds[n.k];
      if (!pos[i]) { pos[i] = place(i, p.set, k); }
      els.push({ group: 'nodes', data: { id: 'n' + i, i: i, label: n.l, color: kind.color,
        shape: kind.shape === 'box' ? 'round-rectangle' : kind.shape, size: n.z * 1.6 },
        position: { x: pos[i].x, y: pos[i].y }, classes: factualOk(n) && (!n.e || D.statuses[n.e.s].factual) ? '' : 'nonfact' });
    });
    E.forEach(function (e, j) {
      if (!p.set[e[0]] || !p.set[e[1]] || !edgePasses(e)) { return; }
      var r = D.relations[e[2]];
      els.push({ group: 'edges', data: { id: 'e' + j, j: j, source: 'n' + e[0], target: 'n' + e[1],
        color: r.color, label: r.typed ? r.name.replace(/_/g, ' ') : '',
        width: Math.min(6, 1 + Math.log(1 + e[3])) }, classes: r.typed ? '' : 'co' });
    });
    cy.batch(function () { cy.elements().remove(); cy.add(els); });
    var n = p.list.length;
    cy.layout({ name: 'cose', animate: false, randomize: false, fit: true, padding: 30,
      numIter: Math.max(50, Math.min(400, Math.floor(5e6 / Math.max(1, n * n)))),
      nodeRepulsion: function () { return 12000; }, idealEdgeLength: function () { return 50; },
      nodeDimensionsIncludeLabels: false }).run();
    cy.nodes().forEach(function (x) { pos[x.data('i')] = x.position(); });
    var total = order.filter(passes).length;
    $('shown').textContent = 'drawn: ' + n + ' of ' + total + ' nodes, ' + cy.edges().length + ' edges';
    $('more').disabled = S.limit >= total;
    applyLists();
    if (S.selected) { highlight(S.selected); } else if (S.from || S.to) { highlightPeriod(); }
  }

  /* ---- highlighting and details ---- */
  function clearHl() { cy.elements().removeClass('faded hl'); }
  function highlightNodes(ids) {
    clearHl();
    var col = cy.collection();
    ids.forEach(function (i) { col = col.union(cy.getElementById('n' + i)); });
    if (col.empty()) { return; }
    var nb = col.union(col.connectedEdges().filter(function (x) {
      return col.contains(x.source()) && col.contains(x.target());
    }));
    cy.elements().not(nb).addClass('faded');
    nb.addClass('hl');
  }
  function highlight(sel) {
    if (sel.node !== undefined) {
      var ids = [sel.node];
      adj[sel.node].forEach(function (j) { ids.push(E[j][0], E[j][1]); });
      highlightNodes(ids);
    } else if (sel.edge !== undefined) {
      highlightNodes([E[sel.edge][0], E[sel.edge][1]]);
    }
  }
  function highlightPeriod() {
    var ids = [];
    N.forEach(function (n, i) {
      if (n.e && passes(i)) { ids.push(i); adj[i].forEach(function (j) { ids.push(E[j][0], E[j][1]); }); }
    });
    highlightNodes(ids);
  }

  function docText(d) {
    var doc = DOCS[d];
    if (!doc) { return 'document ' + d; }
    return (doc.title || doc.id) + (doc.date ? ' (' + doc.date + ')' : '');
  }
  /* Where the names occur in a text: [start, end) pairs, longest name
     first where two overlap. */
  var WORD = /[\p{L}\p{N}]/u;
  function nameRanges(text, names) {
    var found = [];
    names.filter(function (x) { return x && x.length > 1; })
      .sort(function (a, b) { return b.length - a.length; })
      .forEach(function (name) {
        for (var at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
          var end = at + name.length;
          /* Whole words only: "Iraq" is not marked inside "Iraqi". */
          if (WORD.test(text.charAt(at - 1)) || WORD.test(text.charAt(end))) { continue; }
          if (!found.some(function (r) { return at < r[1] && end > r[0]; })) { found.push([at, end]); }
        }
      });
    return found.sort(function (a, b) { return a[0] - b[0]; });
  }
  function namesOf(i) { return N[i] ? [N[i].l].concat(N[i].a) : []; }
  /* An evidence sentence with its words highlighted: the span the writer
     placed, else the names of what it joins. */
  function evidenceEl(v, names) {
    var s = SENT[v[0]] || [0, 0, ''], text = s[2], q = el('blockquote');
    var ranges = v[2] > v[1] ? [[v[1], v[2]]] : nameRanges(text, names || []);
    var at = 0;
    ranges.forEach(function (r) {
      q.appendChild(document.createTextNode(text.slice(at, r[0])));
      q.appendChild(el('mark', text.slice(r[0], r[1])));
      at = r[1];
    });
    q.appendChild(document.createTextNode(text.slice(at)));
    q.appendChild(el('span', docText(s[0]) + ', sentence ' + (s[1] + 1), 'src'));
    return q;
  }
  function nodeButton(i) {
    var b = el('button', N[i] ? N[i].l : '?', 'link');
    b.type = 'button';
    b.addEventListener('click', function () { select({ node: i }, true); });
    return b;
  }
  function row(dl, term, value) {
    if (value === undefined || value === null || value === '' || (value.length === 0)) { return; }
    dl.appendChild(el('dt', term));
    var dd = el('dd');
    if (typeof value === 'string' || typeof value === 'number') { dd.textContent = String(value); } else { dd.appendChild(value); }
    dl.appendChild(dd);
  }
  function listEl(items, f) {
    var ul = el('ul');
    items.forEach(function (x) { var li = el('li'); li.appendChild(f(x)); ul.appendChild(li); });
    return ul;
  }

  function showNode(i) {
    var n = N[i], box = $('details'), dl = el('dl');
    box.textContent = '';
    box.appendChild(el('h3', n.l));
    row(dl, 'kind', D.kinds[n.k].name + (n.e ? ': ' + n.e.t : ''));
    if (n.e) {
      row(dl, 'status', D.statuses[n.e.s].name);
      row(dl, 'date', n.e.start ? n.e.start + (n.e.end ? ' – ' + n.e.end : '') : '');
      row(dl, 'time as written', n.e.tt || '');
      row(dl, 'agent (described)', n.e.a || '');
      row(dl, 'numbers', n.e.q.join('; '));
    }
    row(dl, 'mentions', n.m);
    row(dl, 'aliases', n.a.join(', '));
    row(dl, 'roles', n.r.join('; '));
    row(dl, 'documents', n.d.length ? listEl(n.d, function (d) { return document.createTextNode(docText(d)); }) : '');
    row(dl, 'id', n.id);
    row(dl, 'IRI', n.iri);
    box.appendChild(dl);
    if (n.e && n.e.v.length) {
      box.appendChild(el('h4', 'Evidence'));
      var roleNames = [];
      adj[i].forEach(function (j) {
        if (D.relations[E[j][2]].role) { roleNames = roleNames.concat(namesOf(E[j][0] === i ? E[j][1] : E[j][0])); }
      });
      n.e.v.forEach(function (v) { box.appendChild(evidenceEl(v, roleNames)); });
    }
    var edges = adj[i].slice().sort(function (a, b) {
      return (D.relations[E[b][2]].typed - D.relations[E[a][2]].typed) || (E[b][3] - E[a][3]) || (a - b);
    });
    if (edges.length) {
      box.appendChild(el('h4', 'Relations (' + edges.length + ')'));
      var ul = el('ul');
      edges.slice(0, 60).forEach(function (j) {
        var e = E[j], r = D.relations[e[2]], li = el('li');
        li.appendChild(el('span', r.name.replace(/_/g, ' ') + (e[0] === i ? ' → ' : ' ← ')));
        li.appendChild(nodeButton(e[0] === i ? e[1] : e[0]));
        li.appendChild(el('span', ' ×' + e[3] + ' '));
        var more = el('button', 'evidence', 'link');
        more.type = 'button';
        more.addEventListener('click', function () { select({ edge: j }, true); });
        li.appendChild(more);
        if (r.typed && e[5].length) { li.appendChild(evidenceEl(e[5][0], namesOf(e[0]).concat(namesOf(e[1])))); }
        ul.appendChild(li);
      });
      box.appendChild(ul);
      if (edges.length > 60) { box.appendChild(el('p', '… and ' + (edges.length - 60) + ' more')); }
    }
  }

  function showEdge(j) {
    var e = E[j], r = D.relations[e[2]], box = $('details'), dl = el('dl');
    box.textContent = '';
    box.appendChild(el('h3', r.name.replace(/_/g, ' ')));
    row(dl, r.typed ? 'from' : 'between', nodeButton(e[0]));
    row(dl, r.typed ? 'to' : 'and', nodeButton(e[1]));
    row(dl, 'count', e[3]);
    row(dl, 'documents', listEl(e[4], function (d) { return document.createTextNode(docText(d)); }));
    box.appendChild(dl);
    box.appendChild(el('h4', 'Evidence'));
    e[5].forEach(function (v) { box.appendChild(evidenceEl(v, namesOf(e[0]).concat(namesOf(e[1])))); });
  }

  /* Selects a node or an edge: draws it (and a node's neighbours) if it is
     not drawn yet, highlights it, fills the details panel. */
  function select(sel, fromUser) {
    S.selected = sel;
    var need = [];
    if (sel.node !== undefined) {
      need.push(sel.node);
      adj[sel.node].forEach(function (j) { if (edgePasses(E[j])) { need.push(E[j][0], E[j][1]); } });
    } else { need.push(E[sel.edge][0], E[sel.edge][1]); }
    var missing = need.filter(function (i) { return cy.getElementById('n' + i).empty(); });
    missing.forEach(function (i) { S.extra[i] = true; });
    if (missing.length) { draw(); } else { highlight(sel); }
    if (sel.node !== undefined) { showNode(sel.node); } else { showEdge(sel.edge); }
    markLists(sel.node);
    if (fromUser && sel.node !== undefined) {
      var x = cy.getElementById('n' + sel.node);
      if (x.nonempty()) { cy.animate({ center: { eles: x }, duration: 200 }); }
    }
  }

  /* ---- the lists written in the page ---- */
  var eventItems = Array.prototype.slice.call(document.querySelectorAll('#events li'));
  var entityItems = Array.prototype.slice.call(document.querySelectorAll('#entity-list li'));
  function applyLists() {
    /* Only what changes is touched: a page of thousands of items would
       otherwise be restyled on every draw. */
    eventItems.concat(entityItems).forEach(function (li) {
      var h = !passes(+li.dataset.n);
      if (li.hidden !== h) { li.hidden = h; }
    });
  }
  var marked = [];
  function markLists(i) {
    marked.forEach(function (li) { li.classList.remove('sel'); });
    marked = eventItems.concat(entityItems).filter(function (li) { return +li.dataset.n === i; });
    marked.forEach(function (li) { li.classList.add('sel'); });
  }
  ['events', 'entity-list'].forEach(function (id) {
    $(id).addEventListener('click', function (ev) {
      var b = ev.target.closest('button.name'), li = b && b.closest('li');
      if (li) { select({ node: +li.dataset.n }, true); $('graph').scrollIntoView({ block: 'nearest' }); }
    });
  });

  /* ---- controls ---- */
  function checkbox(box, label, color, on, change) {
    var l = el('label'), c = el('input');
    c.type = 'checkbox'; c.checked = on;
    c.addEventListener('change', function () { change(c.checked); });
    l.appendChild(c);
    if (color) { var sw = el('span', '\u25CF'); sw.style.color = color; l.appendChild(sw); }
    l.appendChild(document.createTextNode(' ' + label));
    box.appendChild(l);
    return c;
  }
  function buildControls() {
    var kinds = $('kinds'), rels = $('relations');
    kinds.querySelectorAll('label').forEach(function (x) { x.remove(); });
    rels.querySelectorAll('label').forEach(function (x) { x.remove(); });
    D.kinds.forEach(function (k, i) {
      checkbox(kinds, k.name, k.color, S.kinds[i], function (v) { S.kinds[i] = v; draw(); });
    });
    D.relations.forEach(function (r, i) {
      if (!relCount[i]) { return; }
      var name = (r.typed ? r.name.replace(/_/g, ' ') : 'co-mention (dashed)') + ' (' + relCount[i] + ')';
      checkbox(rels, name, r.color, S.rels[i], function (v) { S.rels[i] = v; draw(); });
    });
    $('nonfact').checked = S.nonfact;
    $('from').value = S.from; $('to').value = S.to; $('doc').value = '';
  }
  var docSel = $('doc');
  DOCS.forEach(function (d, i) {
    var o = el('option', docText(i));
    o.value = String(i);
    docSel.appendChild(o);
  });
  docSel.addEventListener('change', function () { S.doc = docSel.value === '' ? -1 : +docSel.value; draw(); });
  $('from').addEventListener('change', function () { S.from = $('from').value; S.selected = null; draw(); });
  $('to').addEventListener('change', function () { S.to = $('to').value; S.selected = null; draw(); });
  $('nonfact').addEventListener('change', function () { S.nonfact = $('nonfact').checked; draw(); });
  $('more').addEventListener('click', function () { S.limit += STEP; draw(); });
  $('reset').addEventListener('click', function () {
    defaults(); buildControls(); draw(); cy.fit(undefined, 30);
    $('details').textContent = 'Choose a node, an edge, an event or a name in the lists.';
  });
  $('controls').addEventListener('submit', function (ev) { ev.preventDefault(); });

  var search = $('search'), results = $('results'), timer = null;
  function runSearch() {
    var q = search.value.trim().toLowerCase();
    results.textContent = '';
    if (!q) { results.hidden = true; return; }
    var hits = [];
    for (var k = 0; k < order.length && hits.length < 30; k++) {
      if (hay[order[k]].indexOf(q) >= 0) { hits.push(order[k]); }
    }
    hits.forEach(function (i) {
      var li = el('li'), b = el('button', N[i].l + ' \u2014 ' + D.kinds[N[i].k].name);
      b.type = 'button';
      b.addEventListener('click', function () { results.hidden = true; select({ node: i }, true); });
      li.appendChild(b);
      results.appendChild(li);
    });
    if (!hits.length) { results.appendChild(el('li', 'no match')); }
    results.hidden = false;
  }
  search.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(runSearch, 120); });
  search.addEventListener('keydown', function (ev) {
    if (ev.key === 'Enter') {
      ev.preventDefault(); runSearch();
      var first = results.querySelector('button');
      if (first) { first.click(); }
    } else if (ev.key === 'Escape') { results.hidden = true; }
  });

  cy.on('tap', 'node', function (ev) { select({ node: ev.target.data('i') }, false); });
  cy.on('tap', 'edge', function (ev) { select({ edge: ev.target.data('j') }, false); });
  cy.on('tap', function (ev) {
    if (ev.target === cy) { S.selected = null; clearHl(); markLists(-1); }
  });
  cy.on('dragfree', 'node', function (ev) { pos[ev.target.data('i')] = ev.target.position(); });

  buildControls();
  draw();
  /* `graph.html#node=ID` opens with that node chosen (a link to share). */
  var m = /^#node=(.+)$/.exec(location.hash);
  if (m) {
    var want = decodeURIComponent(m[1]);
    for (var k = 0; k < N.length; k++) { if (N[k].id === want) { select({ node: k }, false); break; } }
  }
  root.dataset.ready = String(Math.round(performance.now()));
  root.dataset.drawnNodes = String(cy.nodes().length);
  root.dataset.drawnEdges = String(cy.edges().length);
  root.dataset.resources = String(performance.getEntriesByType('resource').length);
})();
