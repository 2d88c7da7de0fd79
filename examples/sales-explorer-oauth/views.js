/*
 * The web app's own views of a Qlik hypercube: a table and a bar chart, plain DOM and SVG.
 *
 * Both draw from a hypercube layout (qHyperCube: qDimensionInfo, qMeasureInfo and qDataPages[0].qMatrix, one
 * row per dimension value with cells {qText, qNum, qElemNumber, qState}) and call onSelect(row) when the user
 * picks a row or a bar. They know nothing of the engine: app.js fetches the layout and makes the selection.
 */

const SVG = 'http://www.w3.org/2000/svg';

/** The rows of the first data page (the engine's initial data fetch). */
export function rowsOf(hyperCube) {
  const page = (hyperCube.qDataPages || [])[0];
  return page ? page.qMatrix : [];
}

/** Column titles: dimensions first, then measures, as the engine lays cells out. */
export function columnsOf(hyperCube) {
  return [
    ...hyperCube.qDimensionInfo.map((info) => ({ title: info.qFallbackTitle, measure: false })),
    ...hyperCube.qMeasureInfo.map((info) => ({ title: info.qFallbackTitle, measure: true })),
  ];
}

/** A row is selected when one of its dimension values is (qState "S"). */
function isSelected(row, dimensionCount) {
  return row.slice(0, dimensionCount).some((cell) => cell.qState === 'S');
}

function element(name, attributes = {}, text = '') {
  const node = document.createElement(name);
  Object.entries(attributes).forEach(([key, value]) => node.setAttribute(key, value));
  if (text) { node.textContent = text; }
  return node;
}

function svgElement(name, attributes = {}) {
  const node = document.createElementNS(SVG, name);
  Object.entries(attributes).forEach(([key, value]) => node.setAttribute(key, String(value)));
  return node;
}

// Rows and bars act like buttons: a click, Enter or Space selects.
function onActivate(node, action) {
  node.addEventListener('click', action);
  node.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      action();
    }
  });
}

/** Draw the hypercube as a table into container; clicking a row calls onSelect(row). */
export function renderTable(container, hyperCube, onSelect) {
  const dimensionCount = hyperCube.qDimensionInfo.length;
  const rows = rowsOf(hyperCube);
  const table = element('table');
  const head = element('tr');
  columnsOf(hyperCube).forEach((column) => {
    head.appendChild(element('th', { scope: 'col', class: column.measure ? 'webapp-number' : '' }, column.title));
  });
  table.appendChild(element('thead')).appendChild(head);
  const body = table.appendChild(element('tbody'));
  rows.forEach((row) => {
    const tr = element('tr', { tabindex: '0', 'data-value': row.length ? row[0].qText : '' });
    if (isSelected(row, dimensionCount)) { tr.classList.add('webapp-selected'); }
    row.forEach((cell, index) => {
      tr.appendChild(element('td', { class: index >= dimensionCount ? 'webapp-number' : '' }, cell.qText));
    });
    if (dimensionCount > 0) { onActivate(tr, () => onSelect(row)); }
    body.appendChild(tr);
  });
  container.replaceChildren(rows.length ? table : element('p', { class: 'webapp-empty' }, 'No data.'));
  // The engine sends the first page of rows only (app.js asks for as many as it may: 10,000 cells).
  const total = hyperCube.qSize ? hyperCube.qSize.qcy : rows.length;
  if (total > rows.length) {
    container.appendChild(element('p', { class: 'webapp-empty' }, `Showing ${rows.length} of ${total} rows.`));
  }
}

/** Draw the measures as horizontal bars, one group per row; clicking a bar calls onSelect(row). */
export function renderChart(container, hyperCube, onSelect) {
  const dimensionCount = hyperCube.qDimensionInfo.length;
  const measureCount = hyperCube.qMeasureInfo.length;
  const rows = rowsOf(hyperCube);
  if (!rows.length || !measureCount) {
    container.replaceChildren(element('p', { class: 'webapp-empty' }, 'No data.'));
    return;
  }
  const width = 600;
  const labelWidth = 160;
  const barHeight = 18;
  const groupHeight = measureCount * barHeight + 10;
  // With several measures a legend names each bar colour.
  const legendHeight = measureCount > 1 ? 24 : 0;
  const height = legendHeight + rows.length * groupHeight + 10;
  // Each measure has its own scale from zero to its largest value (negative values draw no bar).
  const maxima = hyperCube.qMeasureInfo.map((_, measureIndex) => {
    const values = rows.map((row) => Number(row[dimensionCount + measureIndex].qNum)).filter(Number.isFinite);
    return Math.max(0, ...values) || 1;
  });
  const svg = svgElement('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img' });
  const titles = columnsOf(hyperCube).map((column) => column.title);
  const measureTitles = titles.slice(dimensionCount);
  svg.setAttribute('aria-label', `${measureTitles.join(', ')} by ${titles.slice(0, dimensionCount).join(', ')}`);
  if (legendHeight) {
    measureTitles.forEach((title, measureIndex) => {
      const x = labelWidth + measureIndex * 140;
      const key = svgElement('g', { class: `webapp-legend webapp-measure-${measureIndex}` });
      key.appendChild(svgElement('rect', { x, y: 4, width: 12, height: 12 }));
      const text = svgElement('text', { x: x + 18, y: 10, 'dominant-baseline': 'middle' });
      text.textContent = title;
      key.appendChild(text);
      svg.appendChild(key);
    });
  }
  rows.forEach((row, rowIndex) => {
    const label = row.slice(0, dimensionCount).map((cell) => cell.qText).join(' / ');
    const top = legendHeight + 5 + rowIndex * groupHeight;
    const text = svgElement('text', { x: labelWidth - 8, y: top + groupHeight / 2, 'text-anchor': 'end', 'dominant-baseline': 'middle' });
    text.textContent = label;
    svg.appendChild(text);
    row.slice(dimensionCount).forEach((cell, measureIndex) => {
      const value = Number(cell.qNum);
      const length = Number.isFinite(value) && value > 0 ? (value / maxima[measureIndex]) * (width - labelWidth - 60) : 0;
      const bar = svgElement('g', {
        class: `webapp-bar webapp-measure-${measureIndex}`,
        tabindex: dimensionCount ? 0 : -1,
        'data-value': label,
      });
      if (isSelected(row, dimensionCount)) { bar.classList.add('webapp-selected'); }
      const title = svgElement('title');
      title.textContent = `${label}: ${measureTitles[measureIndex]} ${cell.qText}`;
      bar.appendChild(title);
      const y = top + measureIndex * barHeight;
      bar.appendChild(svgElement('rect', { x: labelWidth, y, width: Math.max(length, 1), height: barHeight - 4 }));
      const amount = svgElement('text', { x: labelWidth + length + 6, y: y + (barHeight - 4) / 2, 'dominant-baseline': 'middle' });
      amount.textContent = cell.qText;
      bar.appendChild(amount);
      if (dimensionCount > 0) { onActivate(bar, () => onSelect(row)); }
      svg.appendChild(bar);
    });
  });
  container.replaceChildren(svg);
}
