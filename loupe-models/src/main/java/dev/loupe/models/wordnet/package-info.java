/**
 * WordNet 3.0's noun hierarchy for classifiers whose classes are WordNet synsets (ImageNet's): {@link
 * dev.loupe.models.wordnet.WordNet} reads the nouns from the {@code extjwnl-data-wn30} jar, {@link
 * dev.loupe.models.wordnet.ImagenetSynsets} reads a class list ({@code imagenet-synsets.txt}), and {@link
 * dev.loupe.models.wordnet.ClassHierarchy} holds the classes and all their hypernyms, each covering the classes
 * below it, with a text form to cache. Knows no model and no encoder.
 */
package dev.loupe.models.wordnet;
