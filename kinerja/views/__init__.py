"""View models for the pages, the CLI and the exports: frames in, frames and figures out."""
