// Each state the page hears (paid-checkout-statechange), written in <p id="states"> for the test to read.
export function listStates() {
  const list = document.createElement('p');
  list.id = 'states';
  document.body.append(list);
  const heard = [];
  document.addEventListener('paid-checkout-statechange', (event) => {
    heard.push(event.detail.state.status);
    list.textContent = heard.join(' ');
  });
}
