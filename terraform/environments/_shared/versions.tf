# Terraform and provider constraints of every layer root (each links this file); the backend, which
# cannot read variables, is each root's own backend.tf.
terraform {
  required_version = ">= 1.11.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.100.0"
    }
  }
}
