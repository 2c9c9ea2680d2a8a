// What a sized page's frame runs (sized-page.ts): the element and <recording-checkout> defined in
// the frame, and axe-core on the frame's window for its accessibility check (axe checks only nodes
// of its own window's document).
import './recording-checkout.ts';
import 'axe-core/axe.min.js';
