// The sample builder lives in the generator (the test vectors and the OpenAPI examples use
// it too); tests import it from here as before.
export { locate, Sampler, setAt, type Json, type Spot } from '../../generator/samples.js'
