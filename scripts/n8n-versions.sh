# The n8n versions this package is tested against, and the Node major they run on.
# shellcheck disable=SC2034
N8N_VERSIONS=(1.123.81 2.40.7)
NODE_MAJOR=24
