// Depot pages render their own charts; this file only marks the active menu entry.
document.querySelectorAll("nav a").forEach(function (a) {
  if (a.getAttribute("href") === location.pathname) { a.classList.add("active"); }
});
