package org.yilian;
public class Neo4jServer { public static void main(String[] a) {} }
