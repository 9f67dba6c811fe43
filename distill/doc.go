// Package distill computes teacher–student distillation losses over
// logits, with their gradients with respect to the student's logits:
// Hinton's soft-target KL at a temperature (with the T² factor), mixed with
// hard-label cross-entropy; forward and reverse KL; the generalised
// Jensen–Shannon divergence of GKD; and losses against a teacher stored as
// its top-k log-probabilities, renormalised or with the tail as one bucket.
//
// Values follow PyTorch's definitions (torch.nn.functional.kl_div with
// log_target=True, cross_entropy) and are checked against golden values
// computed with PyTorch in float64. Logits are float32, as models emit
// them; every position is computed in float64 with a max-subtracted
// log-sum-exp, so logits of ±1e4 and −Inf (a class ruled out) are fine.
//
// A Calculator holds the scratch space, so repeated calls on batches of the
// same vocabulary allocate nothing.
package distill
