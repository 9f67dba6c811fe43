// Package lora reads LoRA adapters — Hugging Face PEFT checkpoints
// (adapter_config.json + adapter_model.safetensors) and llama.cpp GGUF
// adapters — and merges them into a model's weights: W' = W + m·s·(B·A)
// for each adapted weight, with s the adapter's scale (alpha/r, alpha/√r
// with rsLoRA, per-module rank and alpha patterns) and m a user multiplier.
//
// Merging into a GGUF model maps PEFT's Hugging Face module names to the
// GGUF tensor names of llama-family models and permutes the rows of the q
// and k updates as llama.cpp's converter permuted the base. Bases of any
// type are merged: F32/F16/BF16 rows are rounded back to their type,
// quantized ones dequantized, merged and requantized (quant does the
// streaming, so memory stays a few chunks of rows).
//
// Deltas are computed in float64 and added to the base in float64 before a
// single rounding, which reproduces numpy's float64 merge bit for bit.
package lora
