# Networking layer (applied first; reads no other layer): the VPC, its three subnet tiers, NAT
# gateways, route tables, the isolated tier's NACL and the VPC endpoints.
module "network" {
  source = "../../../modules/network"

  name               = module.settings.name
  cluster_name       = module.settings.cluster_name
  region             = module.settings.region
  cidr               = module.settings.vpc_cidr
  azs                = module.settings.azs
  public_subnets     = module.settings.subnets.public
  private_subnets    = module.settings.subnets.private
  isolated_subnets   = module.settings.subnets.isolated
  single_nat_gateway = module.settings.single_nat_gateway
  tags               = module.settings.tags
}
