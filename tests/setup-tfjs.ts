// Every test process: node builds reach the real TensorFlow.js, as they do under the runtime.
import '../src/runtime/provide-tfjs';
