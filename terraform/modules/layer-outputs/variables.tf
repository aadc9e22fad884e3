variable "layers" {
  description = "Earlier layers this layer reads (scripts/tf-layers.ts order)."
  type        = list(string)

  validation {
    condition     = length(var.layers) > 0 && alltrue([for l in var.layers : contains(["networking", "security", "data", "compute", "platform", "observability"], l)])
    error_message = "layers must name layers of scripts/tf-layers.ts."
  }
}

variable "state_bucket" {
  description = "The environment's state bucket."
  type        = string
}

variable "region" {
  description = "Region of the state bucket."
  type        = string
}
