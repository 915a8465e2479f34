/** The task pane page is also the shared runtime's page; until the review UI arrives it only says it is alive. */
Office.onReady((info) => {
  const status = document.getElementById('status');
  if (status === null) return;
  status.textContent =
    info.host === Office.HostType.Excel
      ? 'SE Toolkit is loaded: the =SE.… custom functions are ready. The review task pane arrives in a later version.'
      : 'SE Toolkit runs in Excel; open this page from the add-in.';
});
