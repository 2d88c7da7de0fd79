// Highlights the newest claims row; the charts are qlik-embed's.
document.addEventListener("DOMContentLoaded", function () {
  var rows = document.querySelectorAll("tr.claim");
  if (rows.length) { rows[0].classList.add("newest"); }
});
