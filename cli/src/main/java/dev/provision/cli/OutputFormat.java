package dev.provision.cli;

enum OutputFormat {
  text,
  json
}
