// The matrix filters: only mismatches, only contradicted, one claim, one source.
// Without JavaScript the form stays hidden and every row and cell is shown.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var table = document.getElementById("matrix");
  if (!form || !table) {
    return;
  }
  var heads = table.tHead.rows[0].cells;
  var rows = table.tBodies[0].rows;
  var count = document.getElementById("f-count");

  function apply() {
    var onlyDiffering = form.elements.mismatches.checked;
    var onlyContradicted = form.elements.contradicted.checked;
    var claim = form.elements.claim.value;
    var source = form.elements.source.value;
    var filtering = onlyDiffering || onlyContradicted || claim !== "" || source !== "";
    var shownColumns = [];
    var shownRows = 0;
    var shownCells = 0;
    for (var r = 0; r < rows.length; r++) {
      var row = rows[r];
      var rowWanted = source === "" || row.getAttribute("data-source") === source;
      var any = false;
      for (var c = 1; c < row.cells.length; c++) {
        var td = row.cells[c];
        var wanted = rowWanted &&
          (claim === "" || heads[c].getAttribute("data-claim") === claim) &&
          (!onlyDiffering || td.hasAttribute("data-m")) &&
          (!onlyContradicted || td.getAttribute("data-v") === "contradicted");
        td.classList.toggle("off", !wanted);
        if (wanted) {
          any = true;
          shownColumns[c] = true;
          shownCells++;
        }
      }
      row.hidden = filtering && !any;
      if (!row.hidden) {
        shownRows++;
      }
    }
    for (var k = 1; k < heads.length; k++) {
      var hide = filtering && !shownColumns[k];
      heads[k].hidden = hide;
      for (var n = 0; n < rows.length; n++) {
        if (rows[n].cells[k]) {
          rows[n].cells[k].hidden = hide;
        }
      }
    }
    count.textContent = !filtering ? "" : shownCells === 0 ? "no cell matches" :
      "showing " + shownCells + " cell(s) of " + shownRows + " source(s)";
  }

  form.addEventListener("change", apply);
  form.addEventListener("reset", function () {
    window.setTimeout(apply, 0);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  form.hidden = false;
  apply();
})();
