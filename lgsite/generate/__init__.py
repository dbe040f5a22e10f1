"""Pages lgsite writes itself from the architecture: category landing pages and listings."""
