// Package prune zeroes the least important weights of a model — by
// magnitude (per tensor, per output row, or with one threshold over many
// tensors), in N:M groups (2:4 …), or by Wanda's activation-aware score
// |W_ij|·‖X_j‖₂ — and removes whole structures that shrink the file:
// transformer blocks, and feed-forward neurons of llama-family models.
//
// Unstructured sparsity does not make a GGUF file smaller by itself: a zero
// costs as many bits as any other value. It makes the file compress better
// (Report.Compressed measures it with zstd), lets sparse kernels skip work,
// and combines with quantization in one pass (types whose grid holds 0
// keep the zeros exact). Structural pruning changes tensor shapes and the
// model's metadata, so the file shrinks.
//
// Pruning streams through package quant: masks are a quant.Transform, so a
// model is read, pruned, optionally quantized and written in one pass, in
// bounded memory; the tensor-wide and global thresholds come from a first
// reading pass that builds histograms, never from sorting a whole model.
package prune
